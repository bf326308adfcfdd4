using Microsoft.Extensions.Options;
using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Host;
using Realtime.Kafka;
using Realtime.Redis;

namespace Realtime.IntegrationTests;

/// <summary>The ingest side of recommendations: what the batch effect writes to Redis, and what a redelivery adds (nothing).</summary>
[Collection(ServersCollection.Name)]
public class RecommendationIngestTests(Servers servers)
{
    // 120 products and lists kept up to 60: no list can pass 2 × MaxNeighbours (120) members, so trimming, whose
    // timing depends on batch boundaries, never runs and the comparison is exact.
    private const int MaxNeighbours = 60;
    private static readonly ItemSignalOptions s_options = new() { MaxNeighbours = MaxNeighbours };

    [Fact]
    public async Task Ingest_writes_exactly_the_reference_statistics_and_a_replayed_topic_adds_nothing()
    {
        var scope = servers.NewScope("recs-ingest");
        var settings = scope.Settings;
        settings["Recommendations:Signals:MaxNeighbours"] = MaxNeighbours.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 80, Products = 120, Seed = 3 }).ToList();
        var reference = new InMemoryItemSignalStore(s_options);
        reference.Apply(Oracle(events));
        var reader = new RedisItemSignalStore(servers.Connection, new ItemSignalKeys(new RedisKeys(scope.KeyPrefix), servers.Connection), Options.Create(s_options), new ItemFactsCache(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System), TimeProvider.System);
        var query = QueryFor(events);

        await using (var engine = RealtimeApp.Build([], AppMode.Ingest, settings))
        {
            await engine.StartAsync();
            scope.Produce(events);
            await WaitForCommittedAsync(engine, events.Count);
            await engine.StopAsync();
        }

        var expected = reference.Read(query);
        Assert.True(expected.BoughtTogether.Values.Sum(l => l.Count) > 50, "the simulation should produce bought-together pairs");
        SnapshotAssert.Equal(expected, await reader.ReadAsync(query, CancellationToken.None));

        // A fresh consumer group re-reads the whole topic, as after a lost commit: every state refuses it, so the
        // item statistics must not move.
        var replay = new Dictionary<string, string?>(settings);
        replay["Kafka:GroupId"] = scope.GroupId + "-replay";
        await using (var engine = RealtimeApp.Build([], AppMode.Ingest, replay))
        {
            await engine.StartAsync();
            await WaitForCommittedAsync(engine, events.Count);
            await engine.StopAsync();
        }

        SnapshotAssert.Equal(expected, await reader.ReadAsync(query, CancellationToken.None));
    }

    /// <summary>Each event's increments from the state just before it, skipping what the fold skips.</summary>
    private static ItemSignalBatch Oracle(List<CustomerEvent> events)
    {
        var batch = new ItemSignalBatch();
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var e in events)
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

            var mark = batch.Increments.Count;
            ItemSignalUpdate.Compute(state, e, s_options, batch);
            if (!CustomerFold.TryApply(state, e))
            {
                batch.Increments.RemoveRange(mark, batch.Increments.Count - mark);
            }
        }

        return batch;
    }

    private static ItemSignalQuery QueryFor(List<CustomerEvent> events)
    {
        var query = new ItemSignalQuery
        {
            NowMs = events.Max(e => e.OccurredAt).AddDays(1).ToUnixTimeMilliseconds(),
            NeighbourCount = 1000,
            TrendingCount = 1000,
            CategoryTrendingCount = 1000,
        };
        query.Seeds.AddRange(events.Where(e => e.Type == EventType.ProductUpserted).Select(e => e.ProductId!).Distinct());
        query.Categories.AddRange(events.Where(e => e.Category is not null).Select(e => e.Category!).Distinct());
        return query;
    }

    private static async Task WaitForCommittedAsync(WebApplication engine, int count)
    {
        var status = engine.Services.GetRequiredService<IngestStatus>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (status.CommittedEvents < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(status.CommittedEvents >= count, $"ingest committed {status.CommittedEvents} of {count} events");
    }
}
