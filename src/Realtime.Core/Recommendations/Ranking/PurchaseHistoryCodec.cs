using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// Compact, versioned binary encoding of a stored purchase history (<see cref="CustomerState.History"/>, the field
/// <c>h</c> beside the state). The first byte is the format version; to change the layout add a version, keep the
/// old decoder and its golden-bytes test. Version 1: baskets, first and last order (the last as Unix ms, the first
/// relative to it), the product count, then per product in ordinal id order (so equal histories encode to equal
/// bytes whatever order they were built in): id (plain: ids do not repeat within a history), category (interned), orders, last and first time (relative to the
/// profile's last order), the decayed frequency (raw double: exact, so a reloaded history folds on bit for bit like
/// the one held in memory) and the baskets since it was updated.
/// </summary>
public static class PurchaseHistoryCodec
{
    /// <summary>The version <see cref="Encode"/> writes.</summary>
    public const byte CurrentVersion = 1;

    // More than any bound the option allows: corrupt bytes cannot allocate wildly.
    private const int MaxDecodedProducts = 100_000;

    public static byte[] Encode(PurchaseProfile profile)
    {
        var w = StateWriter.Rent();
        w.Byte(CurrentVersion);
        w.Int(profile.Baskets);
        w.Long(profile.LastOrderMs);
        w.Time(profile.FirstOrderMs, profile.LastOrderMs);
        w.Int(profile.Items.Count);
        string[] ids = [.. profile.Items.Keys];
        Array.Sort(ids, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var item = profile.Items[id];
            w.String(id);
            w.InternedString(item.Category);
            w.Int(item.Orders);
            w.Time(item.LastMs, profile.LastOrderMs);
            w.Time(item.FirstMs, item.LastMs);
            w.Double(item.Decayed);
            w.Int(profile.Baskets - item.AtBasket);
        }

        return w.ToArray();
    }

    /// <summary>Decodes bytes written by any version of <see cref="Encode"/>, marked as stored. Throws <see cref="FormatException"/> on corrupt input.</summary>
    public static PurchaseProfile Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new StateReader(bytes);
        var version = r.Byte();
        if (version != 1)
        {
            throw new FormatException($"unknown purchase history version {version}");
        }

        var profile = new PurchaseProfile { Baskets = r.Int(), LastOrderMs = r.Long() };
        profile.FirstOrderMs = r.Time(profile.LastOrderMs);
        var count = r.Count(MaxDecodedProducts);
        for (var i = 0; i < count; i++)
        {
            var id = r.String() ?? throw new FormatException("purchase history product without an id");
            var category = r.InternedString();
            var orders = r.Int();
            var last = r.Time(profile.LastOrderMs);
            var first = r.Time(last);
            var decayed = r.Double();
            profile.Restore(id, new ProfileItem(category, orders, first, last, decayed, profile.Baskets - r.Int()));
        }

        return profile;
    }
}
