using Microsoft.Extensions.Options;
using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Redis;

namespace Realtime.IntegrationTests;

/// <summary>Item statistics summed in memory over many batches (issue 15) against the same batches written one by one.</summary>
[Collection(ServersCollection.Name)]
public sealed class ItemSignalAggregationTests(Servers servers)
{
    // Lists never reach twice the cap here, so trimming (which aggregation makes less frequent) cannot differ.
    private static readonly ItemSignalOptions s_options = new() { MaxNeighbours = 5000, MaxCategoryTrending = 10_000 };

    [Fact]
    public async Task Statistics_summed_over_every_batch_equal_the_batches_written_one_by_one()
    {
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 120, Products = 80, Seed = 17 }).ToList();
        var batches = Batches(events, size: 50);
        var perBatch = Keys("agg-each");
        var summed = Keys("agg-sum");
        var totals = new ItemSignalTotals(s_options);
        var commandsPerBatch = 0;
        foreach (var batch in batches)
        {
            commandsPerBatch += await Writer(perBatch).WriteAsync(batch, CancellationToken.None);
            totals.Add(batch);
        }

        var commandsSummed = await Writer(summed).WriteAsync(totals, CancellationToken.None);

        var query = QueryFor(events);
        var expected = await Reader(perBatch).ReadAsync(query, CancellationToken.None);
        Assert.True(expected.BoughtTogether.Values.Sum(l => l.Count) > 50, "the simulation should produce bought-together pairs");
        SnapshotAssert.Equal(expected, await Reader(summed).ReadAsync(query, CancellationToken.None));
        Assert.True(commandsSummed * 3 < commandsPerBatch, $"summing should save most commands: {commandsSummed} against {commandsPerBatch}");
    }

    [Fact]
    public void The_newest_catalog_fact_wins_when_facts_are_summed()
    {
        var totals = new ItemSignalTotals(s_options);
        var first = new ItemSignalBatch();
        first.Catalog.Add(new CatalogFact("p1", "shoes", 10, InStock: true, AtMs: 2000));
        var second = new ItemSignalBatch();
        second.Catalog.Add(new CatalogFact("p1", "boots", 12, InStock: false, AtMs: 1000));
        totals.Add(first);
        totals.Add(second);

        Assert.Equal("shoes", totals.Facts["p1"].Category);
    }

    private ItemSignalKeys Keys(string scope) => new(new RedisKeys(servers.NewScope(scope).KeyPrefix));

    private RedisItemSignalWriter Writer(ItemSignalKeys keys) => new(servers.Connection, keys, Options.Create(s_options));

    private RedisItemSignalStore Reader(ItemSignalKeys keys) =>
        new(servers.Connection, keys, Options.Create(s_options), new ItemFactsCache(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System), TimeProvider.System);

    // Each batch holds the increments of its events from the state just before each event, as ingest computes them.
    private static List<ItemSignalBatch> Batches(List<CustomerEvent> events, int size)
    {
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        var batches = new List<ItemSignalBatch>();
        foreach (var chunk in events.Chunk(size))
        {
            var batch = new ItemSignalBatch();
            foreach (var e in chunk)
            {
                if (e.Type == EventType.ProductUpserted)
                {
                    ItemSignalUpdate.Compute(new CustomerState(string.Empty), e, s_options, batch);
                    continue;
                }

                if (!states.TryGetValue(e.CustomerId, out var state))
                {
                    states[e.CustomerId] = state = new CustomerState(e.CustomerId);
                }

                ItemSignalUpdate.Compute(state, e, s_options, batch);
                CustomerFold.Apply(state, e);
            }

            batches.Add(batch);
        }

        return batches;
    }

    private static ItemSignalQuery QueryFor(List<CustomerEvent> events)
    {
        var query = new ItemSignalQuery { NowMs = events.Max(e => e.OccurredAt).AddDays(1).ToUnixTimeMilliseconds(), NeighbourCount = 5000, TrendingCount = 5000, CategoryTrendingCount = 5000 };
        query.Seeds.AddRange(events.Where(e => e.ProductId is not null).Select(e => e.ProductId!).Distinct());
        query.Categories.AddRange(events.Where(e => e.Category is not null).Select(e => e.Category!).Distinct());
        query.FactsFor.AddRange(query.Seeds);
        return query;
    }
}
