using System.Diagnostics;
using Realtime.Application.Lifecycle;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Lifecycle.Rfm;
using Realtime.Core.State;
using Realtime.Grpc.V1;
using Realtime.Redis;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// <c>InsightsService.GetLifecycleSummary</c> over the counters of 100k simulated customers (written through the same
/// <see cref="LifecycleCounters.Delta"/> ingest uses): one HGETALL plus the summary math, whatever the customer count.
/// </summary>
internal static class SummaryScenario
{
    private const int Customers = 100_000;
    private static readonly string[] s_channels = ["email", "social", "search", "affiliate", "organic"];

    public static async Task RunAsync(BenchEnvironment env, Results results)
    {
        var prefix = env.KeyPrefix + "sum";
        var counters = new RedisLifecycleCounters(env.Redis, new RedisKeys(prefix), TimeProvider.System);
        var sums = SimulatedCounters(Customers, DateTimeOffset.UtcNow, new Random(7));
        await counters.ApplyAsync(LifecycleBatchWriter.ToDeltas(sums), CancellationToken.None);
        var settings = env.EngineSettings(env.NewTopic("summary", 4), "summary");
        settings["Redis:KeyPrefix"] = prefix;
        await using var engine = await EngineProcess.StartAsync("api", settings);
        using var channel = engine.NewChannel();
        var client = new InsightsService.InsightsServiceClient(channel);
        for (var i = 0; i < 50; i++)
        {
            await client.GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest());
        }

        var latency = new Latency();
        var calls = env.Options.Smoke ? 100 : 1000;
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var summary = await client.GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest());
            latency.Record(Stopwatch.GetElapsedTime(started));
            if (summary.Customers != Customers)
            {
                throw new InvalidOperationException($"summary counted {summary.Customers} customers, expected {Customers}");
            }
        }

        Results.Note($"GetLifecycleSummary over {sums.Count} counter fields ({Customers} customers), {calls} sequential calls");
        results.Report("summary_100k_p50", latency.Ms(50), "ms");
        results.Report("summary_100k_p99", latency.Ms(99), "ms");
        results.Report("summary_counter_fields", sums.Count, "fields");
    }

    /// <summary>Counters for <paramref name="customers"/> simulated customers, through the same Delta function ingest uses.</summary>
    private static Dictionary<string, double> SimulatedCounters(int customers, DateTimeOffset now, Random random)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        var stages = SegmentNames.All.Where(s => s.IsStage()).ToArray();
        for (var i = 0; i < customers; i++)
        {
            var channel = s_channels[random.Next(s_channels.Length)];
            var cac = channel == "organic" ? 0 : 5 + (random.NextDouble() * 40);
            var firstAt = now.AddDays(-random.NextDouble() * 390);
            var registeredMs = firstAt.ToUnixTimeMilliseconds();
            var registered = new LifecycleSnapshot(true, 0, 0, 0, 0, channel, cac, null, 0) { RegisteredAtMs = registeredMs };
            var segments = SegmentSet.Of(stages[random.Next(stages.Length)]);
            if (random.NextDouble() < 0.05)
            {
                segments = segments.WithFlag(Segment.CartAbandoner);
            }

            LifecycleCounters.AccumulateDelta(sums, default, registered, default, SegmentSet.Of(Segment.New), firstAt);
            if (random.NextDouble() < 0.35)
            {
                LifecycleCounters.AccumulateDelta(sums, registered, registered, SegmentSet.Of(Segment.New), segments, firstAt);
                continue;
            }

            var aov = 20 + (random.NextDouble() * 120);
            // The onboarding funnel's times: a first order 0-30 days after registering, later orders 1-60 days apart.
            var firstMs = registeredMs + (long)(random.NextDouble() * 30 * TimeUnits.MsPerDay);
            var secondMs = firstMs + (long)((1 + (random.NextDouble() * 59)) * TimeUnits.MsPerDay);
            var thirdMs = secondMs + (long)((1 + (random.NextDouble() * 59)) * TimeUnits.MsPerDay);
            var first = Buyer(registered, 1, aov, firstAt) with { FirstOrderMs = firstMs };
            LifecycleCounters.AccumulateDelta(sums, registered, first, default, default, firstAt);
            var orders = 1 + (int)(-Math.Log(1 - random.NextDouble()) * 2);
            var lastAt = firstAt.AddDays(random.NextDouble() * (now - firstAt).TotalDays);
            var last = orders > 1
                ? Buyer(registered, orders, aov, lastAt) with { Clv = aov * orders * 1.8, FirstOrderMs = firstMs, SecondOrderMs = secondMs, ThirdOrderMs = orders >= 3 ? thirdMs : 0 }
                : first with { Clv = aov * 1.3 };
            LifecycleCounters.AccumulateDelta(sums, first, last, SegmentSet.Of(Segment.New), segments, lastAt);
        }

        return sums;
    }

    private static LifecycleSnapshot Buyer(LifecycleSnapshot registered, int orders, double aov, DateTimeOffset lastAt)
    {
        var revenue = orders * aov;
        var lastMs = lastAt.ToUnixTimeMilliseconds();
        return registered with
        {
            OrderCount = orders,
            GrossRevenue = revenue,
            LastOrderMs = lastMs,
            Rfm = new RfmMetrics(RfmBuckets.DayBucket(lastMs), RfmBuckets.ValueBucket(orders), RfmBuckets.ValueBucket(revenue)),
        };
    }
}
