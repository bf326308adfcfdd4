using Realtime.Core.State;

namespace Realtime.Core.Recommendations;

/// <summary>
/// "Buy again" strength of a product the customer bought before: how often they bought it, whether it is due by
/// their own rhythm, and whether the product is one people re-buy at all.
/// </summary>
public static class BuyAgain
{
    /// <summary>
    /// Unnormalised strength (0 = not a buy-again candidate). A product qualifies when the customer bought it in at
    /// least <see cref="RecommendationOptions.BuyAgainMinOrders"/> orders, or when across all customers it is re-bought
    /// at least <see cref="RecommendationOptions.RepeatableRate"/> of the time.
    /// </summary>
    public static double Score(PurchasedItem item, ItemFacts facts, RecommendationOptions options, long nowMs)
    {
        var ownRhythm = item.Orders >= options.BuyAgainMinOrders && item.Orders >= 2;
        if (!ownRhythm && facts.RepeatRate < options.RepeatableRate)
        {
            return 0;
        }

        var gapDays = ownRhythm
            ? Math.Max(TimeUnits.DaysBetween(item.FirstMs, item.LastMs) / (item.Orders - 1), 0.5)
            : options.DefaultRepeatGapDays;
        var due = Math.Max(TimeUnits.DaysBetween(item.LastMs, nowMs) / gapDays, 0.05);

        // Peaks when the customer's usual gap has just elapsed; early or long overdue both halve it every e² ratio.
        var timing = Math.Exp(-Math.Abs(Math.Log(due)) / 2);
        return timing * Math.Log2(1 + item.Orders) * (0.5 + facts.RepeatRate);
    }
}
