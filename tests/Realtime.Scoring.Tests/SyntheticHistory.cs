using Realtime.Core.Events;

namespace Realtime.Scoring.Tests;

/// <summary>
/// A generated store history where churn is known by construction: every customer buys at their own rhythm and opens
/// emails while "alive", then stops everything at a hidden, random churn time (sooner after an unhappy support ticket).
/// </summary>
internal static class SyntheticHistory
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<CustomerEvent> Generate(int customers, int days, int seed)
    {
        var rng = new Random(seed);
        var end = Start.AddDays(days);
        var events = new List<CustomerEvent>();
        string[] channels = ["organic", "paid_search", "social", "referral"];
        for (var c = 0; c < customers; c++)
        {
            var id = $"c{c}";
            var join = Start.AddDays(rng.Next(0, days * 2 / 3));
            var gap = 7 + (rng.NextDouble() * 50);
            var death = join.AddDays(-Math.Log(1 - rng.NextDouble()) * 300);
            var n = 0;
            CustomerEvent Make(EventType type, DateTimeOffset at, double amount = 0, int rating = 0, string? channel = null) => new()
            {
                EventId = $"{id}-{n++}",
                Type = type,
                CustomerId = id,
                OccurredAt = at,
                Amount = amount,
                Rating = rating,
                Channel = channel,
                ProductId = "p" + rng.Next(50),
                Category = "cat" + rng.Next(5),
                Lines = type == EventType.OrderPlaced ? [new OrderLine("p" + rng.Next(50), "cat" + rng.Next(5), 1, amount)] : [],
            };

            events.Add(Make(EventType.CustomerRegistered, join, channel: channels[rng.Next(channels.Length)]));
            if (rng.NextDouble() < 0.15)
            {
                var ticket = join.AddDays(rng.NextDouble() * 200);
                if (ticket < death && ticket < end)
                {
                    events.Add(Make(EventType.SupportTicket, ticket, rating: 1));
                    death = death < ticket.AddDays(20) ? death : ticket.AddDays(20);
                }
            }

            for (var t = join.AddDays(rng.NextDouble() * 3); t < end && t < death; t = t.AddDays(-Math.Log(1 - rng.NextDouble()) * gap))
            {
                events.Add(Make(EventType.ProductViewed, t.AddHours(-1)));
                events.Add(Make(EventType.OrderPlaced, t, amount: 20 + (rng.NextDouble() * 80)));
            }

            for (var t = join.AddDays(5); t < end && t < death; t = t.AddDays(5 + (rng.NextDouble() * 20)))
            {
                events.Add(Make(EventType.EmailOpened, t));
            }
        }

        // Shuffle: the builder must not rely on the source's order.
        return [.. events.OrderBy(_ => rng.Next())];
    }
}
