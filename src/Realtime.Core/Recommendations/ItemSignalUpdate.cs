using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Recommendations;

/// <summary>
/// The pure "signal update": which item statistics one event changes, given the customer's state BEFORE the fold
/// applies it. Ingest calls it next to <see cref="CustomerFold"/> and writes the increments with pipelined
/// commands; the evaluation harness applies them to <see cref="InMemoryItemSignalStore"/>. It reads no clock and
/// touches no store, so serving and offline evaluation compute identical statistics.
/// </summary>
public static class ItemSignalUpdate
{
    /// <summary>Appends to <paramref name="output"/> the changes <paramref name="e"/> causes.</summary>
    /// <param name="before">The customer's state before <paramref name="e"/> (an empty state for anonymous traffic).</param>
    /// <param name="e">A validated event.</param>
    /// <param name="options">Windows, caps and weights.</param>
    /// <param name="output">Receives increments and catalog facts; not cleared here.</param>
    public static void Compute(CustomerState before, CustomerEvent e, ItemSignalOptions options, ItemSignalBatch output)
    {
        var at = TimeUnits.ToMs(e.OccurredAt);
        switch (e.Type)
        {
            case EventType.ProductViewed:
                Browse(before, e, options.ViewWeight, at, options, output.Increments);
                break;
            case EventType.AddedToCart:
                Browse(before, e, options.CartWeight, at, options, output.Increments);
                break;
            case EventType.OrderPlaced:
                OrderSignals.Add(before, e.Lines, at, options, output.Increments);
                break;
            case EventType.OrderReturned:
                foreach (var line in e.Lines)
                {
                    AddPopularity(line.ProductId, line.Category, -options.ReturnWeight, at, output.Increments);
                }

                break;
            case EventType.ProductUpserted:
                output.Catalog.Add(new CatalogFact(e.ProductId!, e.Category, e.Price, e.InStock, at));
                break;
        }
    }

    /// <summary>Convenience overload that allocates a batch (tests, tools).</summary>
    public static ItemSignalBatch Compute(CustomerState before, CustomerEvent e, ItemSignalOptions options)
    {
        var batch = new ItemSignalBatch();
        Compute(before, e, options, batch);
        return batch;
    }

    internal static void AddPopularity(string item, string? category, double weight, long at, List<SignalIncrement> output)
    {
        if (weight == 0)
        {
            return;
        }

        output.Add(new SignalIncrement(SignalKind.Popularity, string.Empty, item, weight, at));
        if (!string.IsNullOrEmpty(category))
        {
            output.Add(new SignalIncrement(SignalKind.CategoryPopularity, category, item, weight, at));
        }
    }

    private static void Browse(CustomerState before, CustomerEvent e, double weight, long at, ItemSignalOptions options, List<SignalIncrement> output)
    {
        var item = e.ProductId!;
        AddPopularity(item, e.Category, weight, at, output);

        var windowMs = options.ViewWindowMinutes * 60_000L;
        var recent = before.RecentItems;
        for (var i = 0; i < recent.Count; i++)
        {
            // A re-view inside the window adds nothing: flicking between two products must not inflate their pair.
            if (recent[i].ProductId == item && Math.Abs(at - recent[i].AtMs) <= windowMs)
            {
                return;
            }
        }

        // RecentItems is newest first, so the first matches are the most recent co-items.
        var n = 0;
        for (var i = 0; i < recent.Count && n < options.MaxCoViews; i++)
        {
            if (recent[i].ProductId != item && Math.Abs(at - recent[i].AtMs) <= windowMs)
            {
                n++;
            }
        }

        if (n == 0)
        {
            return;
        }

        var w = 1.0 / n;
        var added = 0;
        for (var i = 0; i < recent.Count && added < n; i++)
        {
            var other = recent[i].ProductId;
            if (other != item && Math.Abs(at - recent[i].AtMs) <= windowMs)
            {
                output.Add(new SignalIncrement(SignalKind.ViewedTogether, item, other, w, at));
                output.Add(new SignalIncrement(SignalKind.ViewedTogether, other, item, w, at));
                added++;
            }
        }
    }
}
