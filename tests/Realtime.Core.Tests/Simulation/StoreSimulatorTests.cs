using Realtime.Core.Events;
using Realtime.Core.Simulation;

namespace Realtime.Core.Tests.Simulation;

public sealed class StoreSimulatorTests
{
    [Fact]
    public void History_ends_at_start_plus_span_and_still_has_returns_reviews_and_emails()
    {
        var options = new SimulationOptions { Customers = 400, Products = 200, Seed = 5 };
        var events = StoreSimulator.Generate(options).ToList();

        Assert.All(events, e => Assert.True(e.OccurredAt <= options.Start + options.Span, $"{e.Type} at {e.OccurredAt:O} is after the end of the history"));
        Assert.Contains(events, e => e.Type == EventType.OrderReturned);
        Assert.Contains(events, e => e.Type == EventType.ReviewSubmitted);
        Assert.Contains(events, e => e.Type == EventType.EmailOpened);
    }
}
