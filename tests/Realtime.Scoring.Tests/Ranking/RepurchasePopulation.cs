using Realtime.Core.Events;

namespace Realtime.Scoring.Tests.Ranking;

/// <summary>
/// A generated purchase log with a planted signal: every customer has a staple product that is in every one of their
/// orders, plus two products drawn from a shared pool of 30 per order. Orders come 1 to 13 days apart, so at many
/// orders the staple is "early" by its own rhythm, which the blend's buy-again timing penalises while the staple is
/// still certain to be bought.
/// </summary>
internal static class RepurchasePopulation
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<CustomerEvent> Generate(int customers, int ordersPerCustomer, int seed, string prefix = "c")
    {
        var rng = new Random(seed);
        var events = new List<CustomerEvent>();
        for (var c = 0; c < customers; c++)
        {
            var at = Start.AddHours(rng.Next(0, 24 * 10));
            var staple = $"staple-{c % 40}";
            for (var o = 0; o < ordersPerCustomer; o++)
            {
                var items = new HashSet<string>(StringComparer.Ordinal) { staple, $"pool-{rng.Next(30)}", $"pool-{rng.Next(30)}" };
                events.Add(Order($"{prefix}{c}", at, items));
                at = at.AddDays(rng.Next(1, 14)).AddMinutes(rng.Next(60));
            }
        }

        return [.. events.OrderBy(e => e.OccurredAt)];
    }

    public static CustomerEvent Order(string customer, DateTimeOffset at, IEnumerable<string> items) => new()
    {
        EventId = Guid.NewGuid().ToString("N"),
        Type = EventType.OrderPlaced,
        CustomerId = customer,
        OccurredAt = at,
        Lines = [.. items.Select(i => new OrderLine(i, "cat-" + i.Split('-')[0], 1, i.StartsWith("staple", StringComparison.Ordinal) ? 4 : 9))],
        Amount = 10,
    };
}
