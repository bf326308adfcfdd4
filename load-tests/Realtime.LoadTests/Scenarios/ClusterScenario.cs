using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Realtime.Core.Events;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Redis;
using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// The same workload against one redis-server and against a local 3-primary Redis Cluster, in one run: a simulated
/// store's events through Kafka into one <c>realtime serve</c> process (ingest and API), then a closed loop of the
/// serve mix. Each target's Redis cost is read from the servers themselves (<c>INFO commandstats</c> and
/// <c>INFO stats</c> on every primary), and the final states are compared with the fold of the generated events.
/// </summary>
internal static class ClusterScenario
{
    private const int Partitions = 8;
    private const int Concurrency = 16;

    // INFO, CONFIG RESETSTAT, CLUSTER NODES, PING, ...: the client's and this scenario's own housekeeping, not workload.
    private static readonly HashSet<string> s_housekeeping = ["info", "config", "cluster", "ping", "client", "echo", "subscribe", "hello", "command", "readonly"];

    public static async Task RunAsync(BenchEnvironment env, Results results)
    {
        var customers = env.Options.Smoke ? 300 : 4000;
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = customers, Seed = 18 }).ToList();
        var expected = Fold(events);
        Results.Note($"cluster: {events.Count} events of {expected.Count} customers, {Partitions} partitions, one `realtime serve` process per target");

        using (var single = LocalRedisServer.Start())
        {
            await MeasureAsync(env, results, "single", [single], single.ConnectionString, events, expected);
        }

        using (var cluster = LocalRedisCluster.Start(primaries: 3))
        {
            var primaries = cluster.CurrentPrimaries().OrderBy(p => p.Port).ToList();
            var shares = await MeasureAsync(env, results, "cluster", primaries, cluster.ConnectionString, events, expected);
            for (var n = 0; n < shares.Count; n++)
            {
                results.Report($"cluster_node{n + 1}_command_share", shares[n], "ratio");
            }
        }

        results.Ratio("cluster_vs_single_ingest", "cluster_ingest_events_per_s", "single_ingest_events_per_s");
        results.Ratio("cluster_vs_single_serve_p99", "cluster_serve_p99_ms", "single_serve_p99_ms");
    }

    /// <summary>Ingest, then serve, against one target; returns each primary's share of the workload's commands.</summary>
    private static async Task<List<double>> MeasureAsync(BenchEnvironment env, Results results, string name, List<LocalRedisServer> primaries, string connectionString, List<CustomerEvent> events, Dictionary<string, CustomerState> expected)
    {
        var topic = env.NewTopic($"cluster-{name}", Partitions);
        var group = $"bench-{name}-{topic}";
        var settings = env.EngineSettings(topic, group);
        settings["Redis:ConnectionString"] = connectionString;
        await using var engine = await EngineProcess.StartAsync("serve", settings);
        var memoryBefore = primaries.Sum(p => Stat(p, "memory", "used_memory"));
        Reset(primaries);
        var (redisCpu, engineCpu) = (primaries.Sum(CpuSeconds), EngineCpuSeconds(engine));

        // Ingest: every event produced, timed until the group has committed them all.
        using var committed = new CommittedOffsets(env.KafkaBootstrap, group, topic, Partitions);
        var clock = Stopwatch.StartNew();
        await ProduceAsync(env.KafkaBootstrap, topic, events);
        await committed.WaitForAsync(events.Count, TimeSpan.FromSeconds(600));
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        var ingestCommands = primaries.Select(Commands).ToList();
        var bytesIn = primaries.Sum(p => Stat(p, "stats", "total_net_input_bytes"));
        var memoryAfter = primaries.Sum(p => Stat(p, "memory", "used_memory"));
        var (redisCpuIngest, engineCpuIngest) = (primaries.Sum(CpuSeconds) - redisCpu, EngineCpuSeconds(engine) - engineCpu);

        results.Report($"{name}_ingest_events_per_s", events.Count / ingestSeconds, "1/s");
        results.Report($"{name}_redis_commands_per_event", ingestCommands.Sum() / events.Count, "1");
        results.Report($"{name}_redis_bytes_in_per_event", bytesIn / events.Count, "B");
        // CPU per event (all primaries together; the engine's ingest side, the API idle meanwhile): what capacity is planned from.
        results.Report($"{name}_redis_cpu_us_per_event", redisCpuIngest * 1e6 / events.Count, "us");
        results.Report($"{name}_worker_cpu_us_per_event", engineCpuIngest * 1e6 / events.Count, "us");
        if (primaries.Count == 1)
        {
            // On the cluster used_memory also moves with the replication backlogs and the cluster bus: one Redis only.
            results.Report($"{name}_redis_bytes_per_customer", (memoryAfter - memoryBefore) / expected.Count, "B");
        }

        results.Report($"{name}_lost", await LostEventsAsync(connectionString, env.KeyPrefix, events, expected), "events");

        // Serve: a closed loop of the serve mix over the ingested customers, after a warm-up (JIT, HTTP/2 windows).
        var ids = expected.Keys.ToArray();
        var mix = ServeMix.Parse(env.Options.Mix);
        await ServeAsync(engine, ids, TimeSpan.FromSeconds(env.Options.Smoke ? 1 : 3), mix);
        Reset(primaries);
        (redisCpu, engineCpu) = (primaries.Sum(CpuSeconds), EngineCpuSeconds(engine));
        var (latency, calls, errors) = await ServeAsync(engine, ids, env.Options.Smoke ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(Math.Min(15, env.Options.Duration.TotalSeconds)), mix);
        var serveCommands = primaries.Select(Commands).ToList();
        results.Report($"{name}_serve_p50_ms", latency.Ms(50), "ms");
        results.Report($"{name}_serve_p99_ms", latency.Ms(99), "ms");
        results.Report($"{name}_serve_errors", errors, "count");
        results.Report($"{name}_redis_commands_per_request", serveCommands.Sum() / Math.Max(1, calls), "1");
        results.Report($"{name}_redis_cpu_us_per_request", (primaries.Sum(CpuSeconds) - redisCpu) * 1e6 / Math.Max(1, calls), "us");
        results.Report($"{name}_api_cpu_us_per_request", (EngineCpuSeconds(engine) - engineCpu) * 1e6 / Math.Max(1, calls), "us");

        var total = ingestCommands.Sum() + serveCommands.Sum();
        return ingestCommands.Zip(serveCommands, (i, s) => (i + s) / total).ToList();
    }

    private static async Task ProduceAsync(string bootstrap, string topic, List<CustomerEvent> events)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, Acks = Acks.All, EnableIdempotence = true, LingerMs = 5 }).Build();
        foreach (var e in events)
        {
            var key = e.Type == EventType.ProductUpserted ? e.ProductId! : e.CustomerId;
            while (true)
            {
                try
                {
                    producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = EventJson.Encode(e) });
                    break;
                }
                catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }

        await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(60)));
    }

    private static async Task<(Latency Latency, long Calls, long Errors)> ServeAsync(EngineProcess engine, string[] ids, TimeSpan duration, ServeMix mix)
    {
        var channels = Enumerable.Range(0, 4).Select(_ => engine.NewChannel(new SocketsHttpHandler { EnableMultipleHttp2Connections = false })).ToArray();
        var latency = new Latency();
        long calls = 0, errors = 0;
        try
        {
            var clients = channels.Select(c => new ApiClients(c)).ToArray();
            var end = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(w => Task.Run(async () =>
            {
                var random = new Random(w);
                var client = clients[w % clients.Length];
                while (end.Elapsed < duration)
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await mix.Pick(random).Invoke(client, ids[random.Next(ids.Length)], CancellationToken.None);
                        latency.Record(Stopwatch.GetElapsedTime(started));
                    }
                    catch (global::Grpc.Core.RpcException)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    Interlocked.Increment(ref calls);
                }
            })));
        }
        finally
        {
            foreach (var c in channels)
            {
                c.Dispose();
            }
        }

        return (latency, calls, errors);
    }

    /// <summary>
    /// Events missing from the stored states: for each customer whose state differs from the fold, the events after the
    /// longest prefix of its events whose fold the store does hold (all of them when none matches).
    /// </summary>
    private static async Task<long> LostEventsAsync(string connectionString, string prefix, List<CustomerEvent> events, Dictionary<string, CustomerState> expected)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var store = new RedisCustomerStateStore(redis, new RedisKeys(prefix));
        var stored = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var chunk in expected.Keys.Chunk(1000))
        {
            foreach (var (id, state) in await store.LoadAsync(chunk, CancellationToken.None))
            {
                stored[id] = state;
            }
        }

        var byCustomer = events.Where(e => e.Type != EventType.ProductUpserted).GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        long lost = 0;
        foreach (var (id, want) in expected)
        {
            if (stored.TryGetValue(id, out var have) && StateCodec.Encode(have).AsSpan().SequenceEqual(StateCodec.Encode(want)))
            {
                continue;
            }

            var own = byCustomer[id];
            var held = 0;
            if (have is not null)
            {
                var encoded = StateCodec.Encode(have);
                var state = new CustomerState(id);
                for (var i = 0; i < own.Count; i++)
                {
                    CustomerFold.Apply(state, own[i]);
                    if (StateCodec.Encode(state).AsSpan().SequenceEqual(encoded))
                    {
                        held = i + 1;
                    }
                }
            }

            lost += own.Count - held;
        }

        return lost;
    }

    private static Dictionary<string, CustomerState> Fold(List<CustomerEvent> events)
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

    private static void Reset(IEnumerable<LocalRedisServer> nodes)
    {
        foreach (var node in nodes)
        {
            LocalRedisCluster.Command(node, "config", "resetstat");
        }
    }

    /// <summary>The workload commands a node has run since its last reset (<c>cmdstat_&lt;name&gt;:calls=N,...</c>).</summary>
    private static double Commands(LocalRedisServer node) =>
        LocalRedisCluster.Info(node, "commandstats").Split('\n')
            .Where(l => l.StartsWith("cmdstat_", StringComparison.Ordinal))
            .Select(l => (Name: l[8..l.IndexOf(':', StringComparison.Ordinal)].Split('|')[0], Calls: double.Parse(l[(l.IndexOf("calls=", StringComparison.Ordinal) + 6)..l.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture)))
            .Where(c => !s_housekeeping.Contains(c.Name))
            .Sum(c => c.Calls);

    /// <summary>CPU seconds the node's redis-server has used (<c>used_cpu_sys</c> + <c>used_cpu_user</c>, its main thread and the rest).</summary>
    private static double CpuSeconds(LocalRedisServer node)
    {
        var info = LocalRedisCluster.Info(node, "cpu");
        return double.Parse(LocalRedisCluster.Field(info, "used_cpu_sys"), CultureInfo.InvariantCulture) + double.Parse(LocalRedisCluster.Field(info, "used_cpu_user"), CultureInfo.InvariantCulture);
    }

    private static double EngineCpuSeconds(EngineProcess engine)
    {
        using var process = Process.GetProcessById(engine.Id);
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static double Stat(LocalRedisServer node, string section, string field) =>
        double.Parse(LocalRedisCluster.Field(LocalRedisCluster.Info(node, section), field), CultureInfo.InvariantCulture);
}
