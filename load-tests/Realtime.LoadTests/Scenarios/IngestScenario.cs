using System.Diagnostics;
using Confluent.Kafka;
using Realtime.Core.Ingest;
using Realtime.Core.State;
using Realtime.Kafka;
using Realtime.Redis;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// Ingest throughput two ways: fed from memory (decode → load states → <see cref="BatchFolder.Fold"/> → compare-and-set
/// write, in batches of 2000, the calls the worker makes, no broker) and through Kafka with 1..N <c>realtime ingest</c>
/// child processes in one consumer group (produce N events, measure until every offset is committed).
/// </summary>
internal static class IngestScenario
{
    private const int BatchSize = 2000;
    private const int Partitions = 8;

    // The mock broker keeps ~5 MB per partition: never let the backlog grow past what 8 partitions hold.
    private const int MaxBacklog = 30_000;

    public static async Task RunAsync(BenchEnvironment env, Results results)
    {
        var population = env.Population ?? throw new InvalidOperationException("ingest needs the population");
        var events = env.Options.Smoke ? 20_000 : env.Options.Events;
        if (results.Get("redis_write_limit_ops_per_s") is null)
        {
            results.Report("redis_write_limit_ops_per_s", await LimitsScenario.MeasureWriteLimitAsync(env, TimeSpan.FromSeconds(env.Options.Smoke ? 1 : 3)), "1/s");
        }

        await FromMemoryAsync(env, population, events, results);
        foreach (var workers in env.Options.Workers)
        {
            var (rate, workerCpu, redisCpu) = await ThroughKafkaAsync(env, population, events, workers);
            results.Report(workers == 1 ? "ingest_kafka_events_per_s" : $"ingest_kafka_{workers}workers_events_per_s", rate, "1/s");
            if (workers == 1)
            {
                // CPU per event barely moves with the box's load (wall time does): the figures to compare levers by.
                results.Report("ingest_kafka_worker_cpu_us_per_event", workerCpu, "us");
                results.Report("ingest_kafka_redis_cpu_us_per_event", redisCpu, "us");
            }
        }

        results.Ratio("ingest_vs_redis_write_limit", "ingest_kafka_events_per_s", "redis_write_limit_ops_per_s");
        results.Ratio("ingest_memory_vs_redis_write_limit", "ingest_events_per_s", "redis_write_limit_ops_per_s");
        results.Ratio("ingest_kafka_vs_memory", "ingest_kafka_events_per_s", "ingest_events_per_s");
        foreach (var workers in env.Options.Workers.Where(w => w > 1))
        {
            results.Ratio($"ingest_scaling_{workers}_vs_1_workers", $"ingest_kafka_{workers}workers_events_per_s", "ingest_kafka_events_per_s");
        }
    }

    private static async Task FromMemoryAsync(BenchEnvironment env, Population population, int count, Results results)
    {
        var messages = LiveEvents.Generate(population, count, seed: 11);
        var now = TimeProvider.System.GetUtcNow();
        var store = new RedisCustomerStateStore(env.Redis, new RedisKeys(env.KeyPrefix));
        var offsets = new long[Partitions];
        long decode = 0, load = 0, fold = 0, save = 0;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < messages.Count; start += BatchSize)
        {
            var t0 = Stopwatch.GetTimestamp();
            var records = new List<IngestRecord>(BatchSize);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = start; i < Math.Min(start + BatchSize, messages.Count); i++)
            {
                var decoded = EventDecoder.Decode(null, messages[i].Value, now, Core.Events.EventLimits.DefaultMaxFutureSkew);
                // Partitions 1000+ never collide with a real topic's positions stored by the Kafka runs.
                var partition = (int)(StableHash.Of(messages[i].Key) % Partitions);
                records.Add(new IngestRecord(decoded.Event!, 1000 + partition, offsets[partition]++));
                ids.Add(decoded.Event!.CustomerId);
            }

            var t1 = Stopwatch.GetTimestamp();
            var loaded = await store.LoadAsync(ids, CancellationToken.None);
            var t2 = Stopwatch.GetTimestamp();
            var result = BatchFolder.Fold(records, loaded);
            var t3 = Stopwatch.GetTimestamp();
            await store.SaveAsync(result.Changed.Values.ToList(), CancellationToken.None);
            var t4 = Stopwatch.GetTimestamp();
            decode += t1 - t0;
            load += t2 - t1;
            fold += t3 - t2;
            save += t4 - t3;
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        results.Report("ingest_events_per_s", count / elapsed, "1/s");
        double Share(long ticks) => ticks / (double)Stopwatch.Frequency / elapsed * 100;
        Results.Note($"ingest from memory, where the time goes: decode {Share(decode):F0}%, load states {Share(load):F0}%, fold {Share(fold):F0}%, encode+CAS write {Share(save):F0}%");
        results.Report("ingest_decode_us_per_event", decode * 1e6 / Stopwatch.Frequency / count, "us");
        results.Report("ingest_fold_us_per_event", fold * 1e6 / Stopwatch.Frequency / count, "us");
    }

    private static async Task<(double Rate, double WorkerCpuUs, double RedisCpuUs)> ThroughKafkaAsync(BenchEnvironment env, Population population, int count, int workers)
    {
        var topic = env.NewTopic($"ingest{workers}", Partitions);
        var group = $"bench-ingest-{topic}";
        var settings = env.EngineSettings(topic, group);
        await env.ResetPositionsAsync();
        var engines = new List<EngineProcess>();
        try
        {
            for (var w = 0; w < workers; w++)
            {
                engines.Add(await EngineProcess.StartAsync("ingest", settings));
            }

            var warmup = LiveEvents.Generate(population, env.Options.Smoke ? 2000 : 10_000, seed: 20 + workers);
            var measured = LiveEvents.Generate(population, count, seed: 30 + workers);
            using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
            {
                BootstrapServers = env.KafkaBootstrap,
                Acks = Acks.All,
                EnableIdempotence = true,
                LingerMs = 5,
                BatchNumMessages = 10_000,
            }).Build();
            using var committed = new CommittedOffsets(env.KafkaBootstrap, group, topic, Partitions);

            // Warm-up: every member joined (the group settles within a few heartbeats), JIT done, connections open. The
            // slowlog samples its commands for the breakdown (never the measured phase's: logging each costs Redis CPU).
            var commands = new RedisCommandBreakdown(env.Redis.GetServer(env.Redis.GetEndPoints()[0]));
            await Task.Delay(workers > 1 ? 4000 : 1000);
            await commands.StartSamplingAsync();
            await ProduceAsync(producer, topic, warmup, committed, 0);
            await committed.WaitForAsync(warmup.Count, TimeSpan.FromSeconds(60));
            await commands.StopSamplingAsync();
            await commands.ResetStatisticsAsync();

            var cpuBefore = await WorkerCpuSecondsAsync(engines);
            var redisBefore = await RedisCpuSecondsAsync(env);
            var clock = Stopwatch.StartNew();
            await ProduceAsync(producer, topic, measured, committed, warmup.Count);
            await committed.WaitForAsync(warmup.Count + measured.Count, TimeSpan.FromSeconds(300));
            var rate = measured.Count / clock.Elapsed.TotalSeconds;
            var workerCpu = (await WorkerCpuSecondsAsync(engines) - cpuBefore) * 1e6 / measured.Count;
            var redisCpu = (await RedisCpuSecondsAsync(env) - redisBefore) * 1e6 / measured.Count;
            var perWorker = await Task.WhenAll(engines.Select(e => e.MetricSumAsync("realtime_ingest_events_total")));
            Results.Note($"ingest through Kafka, {workers} worker process(es), {Partitions} partitions: {measured.Count} events in {clock.Elapsed.TotalSeconds:F1} s; events per worker {string.Join(" / ", perWorker.Select(v => v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
            Results.Note(await WhereBatchTimeGoesAsync(engines[0]));
            Results.Note(await commands.ReportAsync(measured.Count, redisCpu));
            return (rate, workerCpu, redisCpu);
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
    }

    private static async Task<double> WorkerCpuSecondsAsync(List<EngineProcess> engines) =>
        (await Task.WhenAll(engines.Select(e => e.MetricSumAsync("process_cpu_seconds_total")))).Sum();

    // used_cpu_user + used_cpu_sys of the Redis the workers write to (only they use it during the measured phase).
    private static async Task<double> RedisCpuSecondsAsync(BenchEnvironment env)
    {
        var server = env.Redis.GetServer(env.Redis.GetEndPoints()[0]);
        var info = (await server.InfoAsync("cpu")).SelectMany(g => g).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        static double Read(Dictionary<string, string> i, string key) => i.TryGetValue(key, out var v) ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return Read(info, "used_cpu_user") + Read(info, "used_cpu_sys");
    }

    /// <summary>
    /// The first worker's own account (its /metrics, warm-up included): mean batch size and time, and the mean time of
    /// each pipelined Redis round trip per batch. What is left is decoding, folding, replays and Kafka acks, unless the
    /// round trips that overlap batches (prefetch, background flush) sum past the batch.
    /// </summary>
    internal static async Task<string> WhereBatchTimeGoesAsync(EngineProcess engine)
    {
        var batches = await engine.MetricSeriesAsync("realtime_ingest_batch_");
        var trips = await engine.MetricSeriesAsync("realtime_redis_roundtrip_seconds_sum");
        var count = batches.GetValueOrDefault("realtime_ingest_batch_duration_seconds_count");
        if (count == 0)
        {
            return "ingest worker reported no batches";
        }

        var size = batches.GetValueOrDefault("realtime_ingest_batch_size_events_sum") / count;
        var total = batches.GetValueOrDefault("realtime_ingest_batch_duration_seconds_sum") / count * 1000;
        var parts = trips
            .Select(kv => (Operation: kv.Key[(kv.Key.IndexOf('"') + 1)..kv.Key.LastIndexOf('"')], Ms: kv.Value / count * 1000))
            .Where(p => p.Ms >= 0.05)
            .OrderByDescending(p => p.Ms)
            .ToList();
        var rest = total - parts.Sum(p => p.Ms);
        var stages = (await engine.MetricSeriesAsync("realtime_ingest_stage_seconds_sum"))
            .Select(kv => (Stage: kv.Key[(kv.Key.IndexOf('"') + 1)..kv.Key.LastIndexOf('"')], Ms: kv.Value / count * 1000))
            .Where(p => p.Ms >= 0.05)
            .ToList();
        var cache = await engine.MetricSeriesAsync("realtime_ingest_state_cache_total");
        return FormattableString.Invariant($"worker batches: {count:F0} of {size:F0} events, {total:F1} ms each: ")
            + string.Join(", ", parts.Select(p => FormattableString.Invariant($"{p.Operation} {p.Ms:F1} ms")))
            + (rest >= 0
                ? FormattableString.Invariant($", rest (decode, fold, replays, Kafka acks) {rest:F1} ms")
                // The next batch's prefetch and the background item-statistics flush run beside a batch, so their
                // round trips can sum past its duration: no "rest" is left to attribute then.
                : FormattableString.Invariant($"; these overlap the batch (next batch's prefetch, background item-statistics flush) and sum to {-rest:F1} ms more than it"))
            + "\n# worker stages per batch: " + string.Join(", ", stages.Select(p => FormattableString.Invariant($"{p.Stage} {p.Ms:F1} ms")))
            + "; state cache " + string.Join(", ", cache.Select(kv => FormattableString.Invariant($"{kv.Key[(kv.Key.IndexOf('"') + 1)..kv.Key.LastIndexOf('"')]} {kv.Value:F0}")));
    }

    private static async Task ProduceAsync(IProducer<string, byte[]> producer, string topic, List<(string Key, byte[] Value)> messages, CommittedOffsets committed, long alreadyCommitted)
    {
        long produced = 0;
        foreach (var (key, value) in messages)
        {
            while (true)
            {
                try
                {
                    producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = value });
                    break;
                }
                catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }

            if (++produced % 2000 == 0)
            {
                while (produced - (committed.Total() - alreadyCommitted) > MaxBacklog)
                {
                    await Task.Delay(5);
                }
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }
}
