using Realtime.Core.Events;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Core.Triggers;

namespace Realtime.Core.Tests.Triggers;

public sealed class SimulatedTriggerPatternsTests
{
    private static readonly SimulationOptions s_options = new() { Customers = 300 };

    [Fact]
    public void With_trigger_patterns_the_simulated_store_has_birthdays_rhythms_and_catalog_changes()
    {
        var events = StoreSimulator.Generate(s_options with { TriggerPatterns = true }).ToList();
        var end = s_options.Start + s_options.Span;

        var registrations = events.Where(e => e.Type == EventType.CustomerRegistered).ToList();
        var withBirthday = registrations.Count(e => e.Birthday is not null);
        Assert.InRange(withBirthday / (double)registrations.Count, 0.25, 0.45);

        // Some customer has a product whose own rhythm makes a replenishment reminder.
        var planner = new TriggerPlanner(new TriggerOptions());
        var states = TestFold(events);
        Assert.Contains(states.Values, s => planner.Scheduled(s, null, end).Any(o => o.Type == TriggerType.Replenishment));

        var upserts = events.Where(e => e.Type == EventType.ProductUpserted && e.OccurredAt > s_options.Start).ToList();
        Assert.Contains(upserts, e => !e.InStock);
        Assert.Contains(upserts, e => e.ProductId!.StartsWith("pnew", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_trigger_patterns_the_history_is_unchanged_by_them()
    {
        var plain = StoreSimulator.Generate(s_options).ToList();
        var patterned = StoreSimulator.Generate(s_options with { TriggerPatterns = true }).ToList();

        Assert.DoesNotContain(plain, e => e.Birthday is not null);
        // The patterns add events and birthdays; every other event is the same, in the same order.
        var others = patterned.Where(e => !e.EventId.Contains("-r", StringComparison.Ordinal) && !IsPatternUpsert(e)).Select(e => e with { Birthday = null });
        Assert.Equal(plain.Select(Json), others.Select(Json));
    }

    private static string Json(CustomerEvent e) => Convert.ToBase64String(EventJson.Encode(e));

    private static bool IsPatternUpsert(CustomerEvent e) =>
        e.Type == EventType.ProductUpserted && (e.EventId.EndsWith("-out", StringComparison.Ordinal) || e.EventId.EndsWith("-back", StringComparison.Ordinal)
            || e.EventId.EndsWith("-drop", StringComparison.Ordinal) || e.EventId.EndsWith("-new", StringComparison.Ordinal));

    private static Dictionary<string, CustomerState> TestFold(IEnumerable<CustomerEvent> events)
    {
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.Type != EventType.ProductUpserted))
        {
            if (!states.TryGetValue(e.CustomerId, out var s))
            {
                states[e.CustomerId] = s = new CustomerState(e.CustomerId);
            }

            CustomerFold.Apply(s, e);
        }

        return states;
    }
}
