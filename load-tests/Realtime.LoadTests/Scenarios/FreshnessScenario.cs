using System.Diagnostics;
using Confluent.Kafka;
using Grpc.Core;
using Realtime.Core.Events;
using Realtime.Grpc.V1;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// Event-to-answer latency: produce a <c>product_viewed</c> of a unique probe product for a customer, then poll
/// GetProfile (every ~1 ms) on <c>realtime serve</c> until that product is the customer's most recent item. Four probe
/// loops run at once over background live traffic (<c>--rate</c> events/s, default 1000).
/// </summary>
internal static class FreshnessScenario
{
    private const int Probers = 4;

    public static async Task RunAsync(BenchEnvironment env, Results results)
    {
        var population = env.Population ?? throw new InvalidOperationException("freshness needs the population");
        await env.ResetPositionsAsync();
        var topic = env.NewTopic("freshness", 4);
        await using var engine = await EngineProcess.StartAsync("serve", env.EngineSettings(topic, $"bench-freshness-{topic}"));
        using var channel = engine.NewChannel();
        var client = new CustomerService.CustomerServiceClient(channel);
        using var probeProducer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = env.KafkaBootstrap, Acks = Acks.All, LingerMs = 1 }).Build();
        using var stop = new CancellationTokenSource();
        var backgroundRate = env.Options.Rate ?? 1000;
        var background = Task.Run(() => BackgroundAsync(env, population, topic, backgroundRate, stop.Token));

        var latency = new Latency();
        var polls = new Latency();
        long timeouts = 0;
        var warmupUntil = Stopwatch.StartNew();
        var duration = env.Options.Smoke ? TimeSpan.FromSeconds(3) : env.Options.Duration;
        var warmup = env.Options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);
        var probes = Enumerable.Range(0, Probers).Select(k => Task.Run(async () =>
        {
            var random = new Random(100 + k);
            var n = 0;
            while (warmupUntil.Elapsed < warmup + duration)
            {
                var customer = population.CustomerIds[random.Next(population.CustomerIds.Length)];
                var product = $"probe-{k}-{n++}";
                var e = new CustomerEvent { EventId = $"probe-{Environment.ProcessId}-{k}-{n}", Type = EventType.ProductViewed, CustomerId = customer, OccurredAt = DateTimeOffset.UtcNow, ProductId = product, Category = "probe" };
                var sent = Stopwatch.GetTimestamp();
                probeProducer.Produce(topic, new Message<string, byte[]> { Key = customer, Value = EventJson.Encode(e) });
                var seen = await WaitUntilSeenAsync(client, customer, product, TimeSpan.FromSeconds(10), polls);
                if (warmupUntil.Elapsed < warmup)
                {
                    continue;
                }

                if (seen)
                {
                    latency.Record(Stopwatch.GetElapsedTime(sent));
                }
                else
                {
                    if (Interlocked.Increment(ref timeouts) <= 3)
                    {
                        // What the customer's profile holds instead: the evidence for why a probe went missing.
                        var profile = await client.GetProfileAsync(new GetProfileRequest { CustomerId = customer });
                        Results.Note($"probe {product} for {customer} (sent {e.OccurredAt:O}) not seen; recent items: {string.Join(" ", profile.RecentItems.Select(r => $"{r.ProductId}@{r.At.ToDateTimeOffset():O}"))}");
                    }
                }

                await Task.Delay(5);
            }
        })).ToArray();
        await Task.WhenAll(probes);
        await stop.CancelAsync();
        await background;
        Results.Note($"freshness: {latency.Count} probes over {backgroundRate} background events/s, {timeouts} not seen within 10 s");
        // Where a probe waits: the worker's batches at this rate (size, time, round trips, stages), and one GetProfile.
        Results.Note(await IngestScenario.WhereBatchTimeGoesAsync(engine));
        Results.Note(FormattableString.Invariant($"freshness: GetProfile polls p50 {polls.Ms(50):F2} ms, p99 {polls.Ms(99):F2} ms"));
        results.Report("freshness_p50", latency.Ms(50), "ms");
        results.Report("freshness_p99", latency.Ms(99), "ms");
        results.Report("freshness_max", latency.Ms(100), "ms");
    }

    private static async Task<bool> WaitUntilSeenAsync(CustomerService.CustomerServiceClient client, string customer, string product, TimeSpan timeout, Latency polls)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                var polled = Stopwatch.GetTimestamp();
                var profile = await client.GetProfileAsync(new GetProfileRequest { CustomerId = customer });
                polls.Record(Stopwatch.GetElapsedTime(polled));
                if (profile.RecentItems.Any(r => r.ProductId == product))
                {
                    return true;
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
            }

            await Task.Delay(1);
        }

        return false;
    }

    private static async Task BackgroundAsync(BenchEnvironment env, Population population, string topic, int rate, CancellationToken ct)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = env.KafkaBootstrap, Acks = Acks.All, LingerMs = 5 }).Build();
        var random = new Random(5);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var e = LiveEvents.Next(population, random, $"bg-{Environment.ProcessId}-{sent}", DateTimeOffset.UtcNow);
                producer.Produce(topic, new Message<string, byte[]> { Key = e.CustomerId, Value = EventJson.Encode(e) });
            }

            try
            {
                await Task.Delay(5, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        producer.Flush(TimeSpan.FromSeconds(5));
    }
}
