using System.Text;

namespace Realtime.Core.State;

/// <summary>
/// Keeps a state's encoding within <see cref="StateLimits.MaxEncodedBytes"/>. The count caps keep typical states near
/// 0.4 KB, but product ids, categories and offer ids may be 64 characters each, so a customer whose every list is full
/// of distinct long ids would encode to ~7 KB. Such a state gives up its oldest list entries, least needed first, until
/// it fits, instead of failing its batch on every retry (which stalled the partition behind it).
/// The fold applies it after every event it applies (<see cref="CustomerFold.TryApply"/>), so ingest, the training
/// replay and tests all see the same bounded state whatever the batch boundaries, and a store never needs to trim.
/// </summary>
public static class StateBudget
{
    // Widest encoding of one number (a 64-bit varint; doubles, fixed 64-bit values and amounts take at most as much).
    private const int MaxNumberBytes = 10;

    // Numbers outside the lists in the layout (StateCodecV2 and V3), with room to spare for added fields.
    private const int MaxScalarBytes = 64 * MaxNumberBytes;

    /// <summary>
    /// Trims <paramref name="state"/> in place while it encodes to more than <paramref name="maxBytes"/>: one entry at a
    /// time from the longest of its offer history, recent items, category affinities, purchase history and cart, oldest
    /// or weakest first. Returns false only if nothing is left to trim and it is still over (which the caps rule out).
    /// </summary>
    public static bool Fit(CustomerState state, int maxBytes = StateLimits.MaxEncodedBytes)
    {
        // Almost every state is far below the budget: a bound from the string lengths avoids encoding it (the fold
        // calls this for every event, so the cheap bound, 3 bytes a char, comes before the exact UTF-8 one).
        if (UpperBound(state, exactStrings: false) <= maxBytes || UpperBound(state, exactStrings: true) <= maxBytes)
        {
            return true;
        }

        while (StateCodec.EncodedLength(state) > maxBytes)
        {
            if (!TrimOne(state))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An upper bound on the state's encoded size (every number at its widest, every string written in full).</summary>
    internal static int UpperBound(CustomerState s, bool exactStrings)
    {
        var bytes = 1 + MaxScalarBytes + Str(s.AcquisitionChannel) + Str(s.Campaign) + Str(s.Country) + 33
            + (MaxNumberBytes * (s.RecentOrderMs.Count + s.RecentEventIds.Count)) + (3 * MaxNumberBytes * s.RecentOrders.Count);
        foreach (var c in s.Cart)
        {
            bytes += Str(c.ProductId) + Str(c.Category) + (2 * MaxNumberBytes);
        }

        foreach (var r in s.RecentItems)
        {
            bytes += Str(r.ProductId) + MaxNumberBytes;
        }

        foreach (var c in s.Categories)
        {
            bytes += Str(c.Category) + (3 * MaxNumberBytes);
        }

        foreach (var p in s.Purchased)
        {
            bytes += Str(p.ProductId) + Str(p.Category) + (3 * MaxNumberBytes);
        }

        foreach (var o in s.RecentOffers)
        {
            bytes += Str(o.OfferId) + Str(o.Channel) + (2 * MaxNumberBytes);
        }

        return bytes;

        int Str(string? value) => MaxNumberBytes + (value is null ? 0 : exactStrings ? Encoding.UTF8.GetByteCount(value) : 3 * value.Length);
    }

    // The longest list gives up one entry, so lists shrink evenly and each keeps its newest entries; ties go to the
    // least needed (offer history first, cart last). Newest-first lists lose their last entry, the cart (oldest
    // first) its first line, the affinities their weakest.
    private static bool TrimOne(CustomerState s)
    {
        var longest = Math.Max(Math.Max(s.RecentOffers.Count, s.RecentItems.Count), Math.Max(Math.Max(s.Categories.Count, s.Purchased.Count), s.Cart.Count));
        if (longest == 0)
        {
            return false;
        }

        return (s.RecentOffers.Count == longest && RemoveLast(s.RecentOffers))
            || (s.RecentItems.Count == longest && RemoveLast(s.RecentItems))
            || (s.Categories.Count == longest && RemoveWeakest(s.Categories))
            || (s.Purchased.Count == longest && RemoveLast(s.Purchased))
            || RemoveFirst(s.Cart);
    }

    private static bool RemoveLast<T>(List<T> list)
    {
        if (list.Count == 0)
        {
            return false;
        }

        list.RemoveAt(list.Count - 1);
        return true;
    }

    private static bool RemoveFirst<T>(List<T> list)
    {
        if (list.Count == 0)
        {
            return false;
        }

        list.RemoveAt(0);
        return true;
    }

    private static bool RemoveWeakest(List<CategoryAffinity> list)
    {
        if (list.Count == 0)
        {
            return false;
        }

        var weakest = 0;
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Score < list[weakest].Score)
            {
                weakest = i;
            }
        }

        list.RemoveAt(weakest);
        return true;
    }
}
