using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.Ports;
using Realtime.Core.Recommendations;
using Realtime.Core.State;
using static Realtime.Core.Tests.Recommendations.TestEvents;

namespace Realtime.Core.Tests.Recommendations;

public sealed class ItemSignalReplayTests
{
    private readonly ItemSignalOptions _options = new();

    private static List<IngestRecord> Records(params CustomerEvent[] events) =>
        [.. events.Select((e, i) => new IngestRecord(e, 0, 100 + i))];

    private static BatchEffectContext Context(BatchResult result, IEnumerable<CustomerState> written, params CustomerEvent[] catalog) =>
        new(result, [.. written], catalog, Start);

    /// <summary>The oracle: each event's increments computed on the state just before it, customer by customer.</summary>
    private List<SignalIncrement> Sequential(Dictionary<string, CustomerState> states, IEnumerable<CustomerEvent> events)
    {
        var batch = new ItemSignalBatch();
        foreach (var e in events)
        {
            if (!states.TryGetValue(e.CustomerId, out var s))
            {
                states[e.CustomerId] = s = new CustomerState(e.CustomerId);
            }

            ItemSignalUpdate.Compute(s, e, _options, batch);
            CustomerFold.Apply(s, e);
        }

        return batch.Increments;
    }

    [Fact]
    public void Replaying_a_batch_gives_each_event_the_increments_of_its_exact_pre_event_state()
    {
        var history = Order("a1", 0, "x", "y");
        var stored = CustomerFold.Apply(new CustomerState("a1"), history);
        var batch = new[] { View("a1", 60, "p"), Order("b1", 61, "p", "q"), View("a1", 62, "q"), Order("a1", 63, "p", "x"), View("b1", 64, "r") };

        var result = BatchFolder.Fold(Records(batch), new Dictionary<string, CustomerState> { ["a1"] = stored });
        var output = new ItemSignalBatch();
        ItemSignalReplay.Collect(Context(result, result.Changed.Values), _options, output);

        var oracle = Sequential(new Dictionary<string, CustomerState> { ["a1"] = CustomerFold.Apply(new CustomerState("a1"), history) }, batch);
        Assert.Equal(oracle.OrderBy(i => i.ToString()), output.Increments.OrderBy(i => i.ToString()));
        Assert.Contains(output.Increments, i => i.Kind == SignalKind.Repurchases && i.Item == "x");
        Assert.Equal(1, stored.OrderCount); // the loaded state is not changed by the replay
    }

    [Fact]
    public void Events_of_a_customer_whose_write_was_refused_add_nothing()
    {
        var result = BatchFolder.Fold(Records(Order("a1", 0, "p", "q"), Order("b1", 1, "p", "r")), new Dictionary<string, CustomerState>());
        var output = new ItemSignalBatch();
        ItemSignalReplay.Collect(Context(result, [result.Changed["b1"]]), _options, output);

        Assert.NotEmpty(output.Increments);
        Assert.DoesNotContain(output.Increments, i => i.Item == "q" || i.Subject == "q");
    }

    [Fact]
    public void Catalog_events_become_catalog_facts()
    {
        var result = BatchFolder.Fold([], new Dictionary<string, CustomerState>());
        var output = new ItemSignalBatch();
        ItemSignalReplay.Collect(Context(result, [], Upsert("p", "shoes", inStock: false)), _options, output);

        var fact = Assert.Single(output.Catalog);
        Assert.Equal(("p", "shoes", false), (fact.ProductId, fact.Category, fact.InStock));
        Assert.Empty(output.Increments);
    }
}
