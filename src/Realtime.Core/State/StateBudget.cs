namespace Realtime.Core.State;

/// <summary>
/// Keeps a state's encoding within <see cref="StateLimits.MaxEncodedBytes"/>. The count caps keep typical states near
/// 0.4 KB, but product ids, categories and offer ids may be 64 characters each, so a customer whose every list is full
/// of distinct long ids encodes to ~7 KB. Such a state gives up its oldest list entries, least needed first, until it
/// fits, instead of failing its batch on every retry (which stalled the partition behind it).
/// </summary>
public static class StateBudget
{
    /// <summary>
    /// The state's encoding, trimming <paramref name="state"/> in place when it is over <paramref name="maxBytes"/>:
    /// one entry at a time from the longest of its offer history, recent items, category affinities, purchase history
    /// and cart, oldest or weakest first. The result is still over the budget only if nothing is left to trim.
    /// </summary>
    public static byte[] Encode(CustomerState state, int maxBytes = StateLimits.MaxEncodedBytes)
    {
        var bytes = StateCodec.Encode(state);
        while (bytes.Length > maxBytes && TrimOne(state))
        {
            bytes = StateCodec.Encode(state);
        }

        return bytes;
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
