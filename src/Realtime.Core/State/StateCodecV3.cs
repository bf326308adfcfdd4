namespace Realtime.Core.State;

/// <summary>
/// Version 3 of the state layout: version 2's fields, then <see cref="CustomerState.RecentOrders"/> (count, then per
/// order its id hash as 8 fixed bytes, its amount and what was refunded from it as version 2 amounts). States of
/// versions 1 and 2 decode with no remembered orders: an order placed before the upgrade is not recognised as a
/// repeat, and a refund of it is clamped by net revenue only.
/// </summary>
internal static class StateCodecV3
{
    public static void Write(StateWriter w, CustomerState s)
    {
        StateCodecV2.Write(w, s);
        w.Int(s.RecentOrders.Count);
        foreach (var o in s.RecentOrders)
        {
            w.Fixed64(o.IdHash);
            w.Money(o.Amount);
            w.Money(o.Refunded);
        }
    }

    public static CustomerState Decode(string customerId, ref StateReader r)
    {
        var s = StateCodecV2.Decode(customerId, ref r);
        var n = r.Count(StateLimits.RecentOrderIds);
        s.RecentOrders.EnsureCapacity(n + 1);
        for (; n > 0; n--)
        {
            s.RecentOrders.Add(new RecentOrder(r.Fixed64(), r.Money(), r.Money()));
        }

        return s;
    }
}
