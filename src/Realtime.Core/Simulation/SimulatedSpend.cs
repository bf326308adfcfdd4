using Realtime.Core.Events;

namespace Realtime.Core.Simulation;

/// <summary>
/// Weekly <c>marketing_spend</c> for the simulator's paid channels and their campaign: about the channels' per-customer
/// cost times the registrations they bring, with a channel-specific overspend so the demo's budget advice has
/// something to say (paid ads spend far more than their customers return; email and referral far less).
/// </summary>
internal static class SimulatedSpend
{
    private static readonly Dictionary<string, double> s_overspend = new(StringComparer.Ordinal)
    {
        ["search"] = 1.2,
        ["social"] = 1.6,
        ["email"] = 1.0,
        ["referral"] = 0.8,
        ["paid_ads"] = 4.5,
    };

    public static IEnumerable<CustomerEvent> Generate(SimulationOptions o, IReadOnlyList<(string Channel, double Cost)> channels)
    {
        var random = new Random(o.Seed + 1); // its own sequence: the customers stay what they were without spend
        var registeringWeeks = o.Span.TotalDays * 2 / 3 / 7;
        var perChannelWeek = o.Customers / (double)channels.Count / Math.Max(1, registeringWeeks);
        var first = DateOnly.FromDateTime(o.Start.UtcDateTime);
        var last = DateOnly.FromDateTime((o.Start + o.Span).UtcDateTime);
        foreach (var (channel, cost) in channels.Where(c => c.Cost > 0))
        {
            for (var week = first; week.AddDays(6) <= last; week = week.AddDays(7))
            {
                var amount = Math.Round(cost * perChannelWeek * s_overspend.GetValueOrDefault(channel, 1) * (0.8 + (random.NextDouble() * 0.4)), 2);
                yield return new CustomerEvent
                {
                    EventId = $"spend-{channel}-{week:yyyyMMdd}",
                    Type = EventType.MarketingSpend,
                    CustomerId = string.Empty,
                    OccurredAt = new DateTimeOffset(week.AddDays(6).ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero),
                    Channel = channel,
                    Campaign = $"{channel}-q1",
                    Amount = amount,
                    Currency = "EUR",
                    PeriodStart = week,
                    PeriodEnd = week.AddDays(6),
                };
            }
        }
    }
}
