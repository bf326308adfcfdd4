using System.Globalization;
using Confluent.Kafka;
using Realtime.Core.Events;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;
using Realtime.Host;
using Realtime.Redis;

namespace Realtime.IntegrationTests;

/// <summary>One test's topics, consumer group and Redis key prefix, plus helpers to run the engine against them.</summary>
public sealed class TestScope(Servers servers, string id)
{
    public string EventsTopic => $"events-{id}";

    public string DeadLetterTopic => $"dlq-{id}";

    public string SegmentsTopic => $"segments-{id}";

    public string GroupId => $"ingest-{id}";

    public string KeyPrefix => $"t{id.GetHashCode(StringComparison.Ordinal):x8}";

    public RedisCustomerStateStore Store => new(servers.Connection, new RedisKeys(KeyPrefix));

    /// <summary>Configuration pointing the engine at this scope; as settings (in-process) or command-line args (child process).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Kafka:BootstrapServers"] = servers.Kafka.BootstrapServers,
        ["Kafka:EventsTopic"] = EventsTopic,
        ["Kafka:DeadLetterTopic"] = DeadLetterTopic,
        ["Kafka:SegmentsTopic"] = SegmentsTopic,
        ["Kafka:GroupId"] = GroupId,
        ["Kafka:SessionTimeoutMs"] = "3000",
        ["Kafka:MaxBatchSize"] = "500",
        ["Redis:ConnectionString"] = servers.RedisConnectionString,
        ["Redis:KeyPrefix"] = KeyPrefix,
        ["Api:GrpcPort"] = "0",
        ["Api:HttpPort"] = "0",
        ["Logging:LogLevel:Default"] = "Warning",
        // These tests are about behaviour, not access: auth is off here (as a user's Api:Auth:Disabled=true would do).
        // ApiSecurityTests builds engines with keys, JWT and TLS and checks every RPC's scope.
        ["Api:Auth:Disabled"] = "true",
    };

    public string[] SettingsAsArgs => Settings.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();

    public WebApplication BuildEngine(AppMode mode) => RealtimeApp.Build([], mode, Settings);

    /// <summary>An in-process engine whose time-driven parts (segments, sweeper) follow <paramref name="clock"/>.</summary>
    public WebApplication BuildEngine(AppMode mode, TimeProvider clock) => RealtimeApp.Build([], mode, Settings, clock);

    public IProducer<string?, byte[]> NewProducer() =>
        new ProducerBuilder<string?, byte[]>(new ProducerConfig { BootstrapServers = servers.Kafka.BootstrapServers, Acks = Acks.All, LingerMs = 2 }).Build();

    /// <summary>Produces events keyed by customer, in order, and waits for delivery.</summary>
    public void Produce(IEnumerable<CustomerEvent> events)
    {
        using var producer = NewProducer();
        foreach (var e in events)
        {
            producer.Produce(EventsTopic, new Message<string?, byte[]> { Key = KeyOf(e), Value = EventJson.Encode(e) });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    public static string KeyOf(CustomerEvent e) => e.Type == EventType.ProductUpserted ? e.ProductId! : e.CustomerId;

    /// <summary>The states the fold gives when applied directly to <paramref name="events"/> (the oracle).</summary>
    public static Dictionary<string, CustomerState> ExpectedStates(IEnumerable<CustomerEvent> events)
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

    /// <summary>Customers whose stored state or purchase history differs from the oracle (empty when ingest is exact).</summary>
    public async Task<List<string>> MismatchesAsync(Dictionary<string, CustomerState> expected)
    {
        var stored = await Store.LoadWithHistoryAsync(expected.Keys, CancellationToken.None);
        return expected
            .Where(kv => !stored.TryGetValue(kv.Key, out var s) || !StateCodec.Encode(s).AsSpan().SequenceEqual(StateCodec.Encode(kv.Value)) || !SameHistory(s, kv.Value))
            .Select(kv => kv.Key)
            .ToList();
    }

    /// <summary>Whether two states carry byte-identical purchase histories (or both none).</summary>
    public static bool SameHistory(CustomerState got, CustomerState want) =>
        (got.History, want.History) switch
        {
            (null, null) => true,
            ({ } g, { } w) => PurchaseHistoryCodec.Encode(g).AsSpan().SequenceEqual(PurchaseHistoryCodec.Encode(w)),
            _ => false,
        };

    /// <summary>Polls until the stored states equal the oracle, or the timeout passes; returns the last mismatches.</summary>
    public async Task<List<string>> WaitUntilStatesMatchAsync(Dictionary<string, CustomerState> expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<string> mismatches;
        do
        {
            mismatches = await MismatchesAsync(expected);
            if (mismatches.Count == 0)
            {
                return mismatches;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return mismatches;
    }

    public static string Describe(List<string> mismatches) =>
        mismatches.Count == 0 ? "none" : $"{mismatches.Count.ToString(CultureInfo.InvariantCulture)} customers differ, e.g. {string.Join(", ", mismatches.Take(5))}";
}
