using Realtime.Core.Events;
using Realtime.Scoring.History;
using Realtime.Scoring.Ranking;

namespace Realtime.IntegrationTests;

/// <summary>A small generated purchase log a learned ranker trains on in seconds, and the train-and-promote step the ranker's API tests share.</summary>
internal static class RankerTrainingLog
{
    /// <summary>40 customers (<paramref name="customerPrefix"/>0..39), each re-buying a staple in every order beside a product from a pool of 20.</summary>
    public static List<CustomerEvent> Staples(DateTimeOffset start, string customerPrefix)
    {
        var rng = new Random(3);
        var events = new List<CustomerEvent>();
        for (var c = 0; c < 40; c++)
        {
            var at = start.AddHours(rng.Next(240));
            for (var o = 0; o < 6; o++)
            {
                events.Add(Order($"{customerPrefix}{c}", at, $"staple-{c % 10}", $"pool-{rng.Next(20)}"));
                at = at.AddDays(rng.Next(1, 12));
            }
        }

        return [.. events.OrderBy(e => e.OccurredAt)];
    }

    /// <summary>Trains a ranker on <see cref="Staples"/> into <paramref name="models"/> and promotes it; the registry, for rollbacks.</summary>
    public static RankerRegistry TrainAndPromote(string models, DateTimeOffset start, string customerPrefix)
    {
        var registry = new RankerRegistry(models);
        var (version, _) = RankerTraining.Train(new EnumerableEventSource(Staples(start, customerPrefix), "generated"), models, TimeSpan.FromDays(10), DateTimeOffset.UtcNow,
            new RankerTrainingOptions { MaxIterations = 20, MinimumExamplesPerLeaf = 10 });
        registry.Promote(version);
        return registry;
    }

    /// <summary>One order of the given products (one line each, price 5).</summary>
    public static CustomerEvent Order(string customer, DateTimeOffset at, params string[] items) => new()
    {
        EventId = Guid.NewGuid().ToString("N"),
        Type = EventType.OrderPlaced,
        CustomerId = customer,
        OrderId = Guid.NewGuid().ToString("N"),
        OccurredAt = at,
        Lines = [.. items.Distinct().Select(i => new OrderLine(i, "cat", 1, 5))],
        Amount = 5 * items.Length,
    };
}
