using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Recommendations;

/// <summary>Statistics from one order: popularity, purchase counters and bought-together pairs, with per-customer caps.</summary>
internal static class OrderSignals
{
    public static void Add(CustomerState before, IReadOnlyList<OrderLine> lines, long at, ItemSignalOptions options, List<SignalIncrement> output)
    {
        // Distinct products of the order, capped: the first lines win (the order of lines is the producer's).
        var items = new List<OrderLine>(Math.Min(lines.Count, options.MaxItemsPerEvent));
        foreach (var line in lines)
        {
            if (items.Count < options.MaxItemsPerEvent && !Contains(items, line.ProductId))
            {
                items.Add(line);
            }
        }

        var windowStart = at - (options.BasketWindowHours * 3_600_000L);
        foreach (var line in items)
        {
            ItemSignalUpdate.AddPopularity(line.ProductId, line.Category, options.OrderWeight, at, output);
            output.Add(new SignalIncrement(SignalKind.Purchases, line.ProductId, line.ProductId, 1, at));
            if (IndexOf(before.Purchased, line.ProductId) >= 0)
            {
                output.Add(new SignalIncrement(SignalKind.Repurchases, line.ProductId, line.ProductId, 1, at));
            }
        }

        // Items this customer bought shortly before belong to the same basket (split orders, quick follow-ups).
        // Purchased is most recent first, so the first matches are the most recent.
        var window = new List<string>();
        foreach (var p in before.Purchased)
        {
            if (window.Count < options.MaxCoItems && p.LastMs >= windowStart && p.LastMs <= at && !Contains(items, p.ProductId))
            {
                window.Add(p.ProductId);
            }
        }

        foreach (var line in items)
        {
            var n = Math.Min(items.Count - 1 + window.Count, options.MaxCoItems);
            var added = 0;
            for (var j = 0; j < items.Count && added < n; j++)
            {
                if (items[j].ProductId != line.ProductId)
                {
                    AddPair(before, line.ProductId, items[j].ProductId, 1.0 / n, windowStart, at, options, output);
                    added++;
                }
            }

            for (var j = 0; j < window.Count && added < n; j++, added++)
            {
                AddPair(before, line.ProductId, window[j], 1.0 / n, windowStart, at, options, output);
            }
        }

        // The earlier basket items learn the new ones too (their lists would otherwise miss the follow-up).
        var back = Math.Min(items.Count, options.MaxCoItems);
        foreach (var earlier in window)
        {
            for (var j = 0; j < back; j++)
            {
                AddPair(before, earlier, items[j].ProductId, 1.0 / back, windowStart, at, options, output);
            }
        }
    }

    private static void AddPair(CustomerState before, string subject, string item, double weight, long windowStart, long at, ItemSignalOptions options, List<SignalIncrement> output)
    {
        // Both bought in an earlier basket: a standing re-order, worth less than a fresh pairing.
        if (BoughtBefore(before, subject, windowStart) && BoughtBefore(before, item, windowStart))
        {
            weight *= options.RepeatPairWeight;
        }

        if (weight > 0)
        {
            output.Add(new SignalIncrement(SignalKind.BoughtTogether, subject, item, weight, at));
        }
    }

    private static bool BoughtBefore(CustomerState before, string item, long windowStart)
    {
        var i = IndexOf(before.Purchased, item);
        return i >= 0 && before.Purchased[i].FirstMs < windowStart;
    }

    private static int IndexOf(List<PurchasedItem> purchased, string item)
    {
        for (var i = 0; i < purchased.Count; i++)
        {
            if (purchased[i].ProductId == item)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Contains(List<OrderLine> lines, string item)
    {
        foreach (var line in lines)
        {
            if (line.ProductId == item)
            {
                return true;
            }
        }

        return false;
    }
}
