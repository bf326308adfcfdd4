using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Events;
using Realtime.Host;
using Realtime.Kafka;
using StackExchange.Redis;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;

namespace Realtime.IntegrationTests;

/// <summary>Ingest under faults: poison records, an engine bug on one event, a Redis that went backwards, a hung Redis.</summary>
[Collection(ServersCollection.Name)]
public sealed class IngestFaultTests(Servers servers)
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_oversized_message_is_dead_lettered_as_a_truncated_copy_and_the_partition_flows_on()
    {
        var scope = servers.NewScope("huge");
        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        var huge = Enumerable.Repeat((byte)'N', 1_000_100).ToArray();
        using (var producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig { BootstrapServers = scope.Settings["Kafka:BootstrapServers"], MessageMaxBytes = 5_000_000 }).Build())
        {
            producer.Produce(scope.EventsTopic, new Message<string?, byte[]> { Key = "x", Value = huge });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var after = Views("x", 3, s_now.AddDays(-1));
        scope.Produce(after);

        var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(after), TimeSpan.FromSeconds(30));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        var dead = Assert.Single(DeadLetter.Read(scope, 1));
        Assert.Equal("1000100", dead.Header(DeadLetterPublisher.OriginalSizeHeader));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(huge)), dead.Header(DeadLetterPublisher.Sha256Header));
        Assert.Equal(65_536, dead.Value.Length);
        Assert.StartsWith("malformed JSON", dead.Header(DeadLetterPublisher.ReasonHeader), StringComparison.Ordinal);
        await engine.StopAsync();
    }

    [Fact]
    public async Task An_event_that_makes_the_engine_throw_is_dead_lettered_alone_and_its_batch_counts_as_in_a_fault_free_run()
    {
        var events = Shop(customers: 20, perCustomer: 12);
        var poison = events[events.Count / 2] with { EventId = "boom-1" };
        var withPoison = events.Take(events.Count / 2).Append(poison).Concat(events.Skip(events.Count / 2)).ToList();

        var faulty = servers.NewScope("boom");
        var settings = faulty.Settings;
        settings["Ingest:FailOnEventIdPrefix"] = "boom-";
        settings["Kafka:MaxBatchWaitMs"] = "200"; // one big batch, so the isolation has work to do
        await RunToMatchAsync(faulty, RealtimeApp.Build([], AppMode.Ingest, settings, new FakeTimeProvider(s_now)), withPoison, events);

        var clean = servers.NewScope("boom-ref");
        var cleanSettings = clean.Settings;
        cleanSettings["Kafka:MaxBatchWaitMs"] = "200";
        await RunToMatchAsync(clean, RealtimeApp.Build([], AppMode.Ingest, cleanSettings, new FakeTimeProvider(s_now)), events, events);

        var dead = Assert.Single(DeadLetter.Read(faulty, 1));
        Assert.StartsWith("engine: InjectedFaultException:", dead.Header(DeadLetterPublisher.ReasonHeader), StringComparison.Ordinal);
        Assert.Contains("boom-1", Encoding.UTF8.GetString(dead.Value), StringComparison.Ordinal);

        // Item statistics, counters and due times are what the same valid events give without the fault.
        var faultyKeys = await SnapshotAsync(faulty.KeyPrefix);
        var cleanKeys = await SnapshotAsync(clean.KeyPrefix);
        Assert.True(cleanKeys.Count > 3, "the reference run wrote aggregates");
        Assert.Equal(cleanKeys.Keys.Order(StringComparer.Ordinal), faultyKeys.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in cleanKeys)
        {
            Assert.True(SameValue(value, faultyKeys[key]), $"{key}: {value} vs {faultyKeys[key]}");
        }
    }

    [Fact]
    public async Task A_redis_that_comes_back_older_than_it_was_is_noticed_and_the_lost_events_are_applied_again()
    {
        var scope = servers.NewScope("rollback");
        await using var engine = scope.BuildEngine(AppMode.Ingest);
        await engine.StartAsync();
        var all = Shop(customers: 30, perCustomer: 12);
        var first = all.Where((_, i) => i % 12 < 4).ToList();
        var lost = all.Where((_, i) => i % 12 is >= 4 and < 10).ToList();
        var last = all.Where((_, i) => i % 12 >= 10).ToList();

        scope.Produce(first);
        Assert.Empty(await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(first), TimeSpan.FromSeconds(30)));
        var snapshot = await DumpAsync(scope.KeyPrefix);
        scope.Produce(lost);
        Assert.Empty(await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(first.Concat(lost)), TimeSpan.FromSeconds(30)));

        // The host-crash case: Redis restarts from an AOF that misses its last writes (here: everything since the snapshot).
        await RestoreAsync(scope.KeyPrefix, snapshot);
        scope.Produce(last);

        var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(first.Concat(lost).Concat(last)), TimeSpan.FromSeconds(30));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        await engine.StopAsync();
    }

    [Fact]
    public async Task While_redis_hangs_ingest_reports_its_lag_and_a_stall_then_applies_everything_once_it_answers()
    {
        var scope = servers.NewScope("hung");
        var settings = scope.Settings;
        settings["Ingest:StallAfter"] = "00:00:02";
        await using var engine = RealtimeApp.Build([], AppMode.Ingest, settings);
        await engine.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(RealtimeApp.Addresses(engine)[0]), Timeout = TimeSpan.FromSeconds(10) };
        var all = Shop(customers: 10, perCustomer: 10);
        scope.Produce(all.Take(30));
        Assert.Empty(await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(all.Take(30)), TimeSpan.FromSeconds(30)));

        using var admin = await ConnectionMultiplexer.ConnectAsync(servers.Redis.ConnectionString + ",allowAdmin=true");
        var pause = await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "12000", "ALL");
        Assert.Equal("OK", pause.ToString());
        var resumesAt = DateTime.UtcNow.AddSeconds(12.5);
        scope.Produce(all.Skip(30));
        var stalled = false;
        var lagged = false;
        var notReady = false;
        var deadline = DateTime.UtcNow.AddSeconds(11);
        while (DateTime.UtcNow < deadline && !(stalled && lagged && notReady))
        {
            var metrics = await http.GetStringAsync("/metrics");
            stalled |= Gauge(metrics, "realtime_ingest_stalled") == 1;
            lagged |= Gauge(metrics, "realtime_ingest_consumer_lag_events") > 0;
            if (stalled && !notReady)
            {
                var readiness = await http.GetAsync("/readyz");
                notReady = readiness.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable;
            }

            await Task.Delay(250);
        }

        Assert.True(lagged, "the lag gauge read events waiting while Redis hung");
        Assert.True(stalled, "ingest reported a stall while Redis hung");
        Assert.True(notReady, "/readyz answered 503 while Redis hung and ingest was stalled");
        await Task.Delay(resumesAt - DateTime.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(all), TimeSpan.FromSeconds(40));
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        await CrashRecoveryTests.WaitUntilAsync(async () => Gauge(await http.GetStringAsync("/metrics"), "realtime_ingest_stalled") == 0, TimeSpan.FromSeconds(10));
        var ready = await http.GetAsync("/readyz");
        Assert.True(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
        await engine.StopAsync();
    }

    private static async Task RunToMatchAsync(TestScope scope, WebApplication engine, List<CustomerEvent> produced, List<CustomerEvent> valid)
    {
        await using (engine)
        {
            await engine.StartAsync();
            scope.Produce(produced);
            var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(valid), TimeSpan.FromSeconds(60));
            Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
            await engine.StopAsync();
        }
    }

    /// <summary>Customers who view, cart and order, with unique event ids, dated before <see cref="s_now"/>.</summary>
    private static List<CustomerEvent> Shop(int customers, int perCustomer)
    {
        var events = new List<CustomerEvent>();
        for (var n = 0; n < perCustomer; n++)
        {
            for (var c = 0; c < customers; c++)
            {
                var id = $"c{c:D3}";
                var at = s_now.AddDays(-30).AddHours(n * 7).AddMinutes(c);
                var product = $"p{(c + n) % 17:D2}";
                events.Add((n % 4) switch
                {
                    0 => new CustomerEvent { EventId = $"{id}-{n}", Type = EventType.ProductViewed, CustomerId = id, OccurredAt = at, ProductId = product, Category = "cat1", Price = 10 },
                    1 => new CustomerEvent { EventId = $"{id}-{n}", Type = EventType.AddedToCart, CustomerId = id, OccurredAt = at, ProductId = product, Category = "cat1", Price = 10 },
                    2 => new CustomerEvent { EventId = $"{id}-{n}", Type = EventType.OrderPlaced, CustomerId = id, OccurredAt = at, OrderId = $"o-{id}-{n}", Amount = 20 + n, Lines = [new(product, "cat1", 1, 20 + n), new($"p{(c + n + 3) % 17:D2}", "cat2", 1, 0)] },
                    _ => new CustomerEvent { EventId = $"{id}-{n}", Type = EventType.ProductViewed, CustomerId = id, OccurredAt = at, ProductId = $"p{(c * 3 + n) % 17:D2}", Category = "cat2", Price = 5 },
                });
            }
        }

        return events;
    }

    private static List<CustomerEvent> Views(string customer, int count, DateTimeOffset at) =>
        Enumerable.Range(0, count).Select(i => new CustomerEvent { EventId = $"{customer}-view-{i}", Type = EventType.ProductViewed, CustomerId = customer, OccurredAt = at.AddMinutes(i), ProductId = $"p{i}" }).ToList();

    private static double Gauge(string metrics, string name)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    // Aggregates only: customer hashes carry log positions; watermarks, guards and leases are bookkeeping of the run itself.
    private async Task<Dictionary<string, string>> SnapshotAsync(string prefix)
    {
        var db = servers.Connection.GetDatabase();
        var server = servers.Connection.GetServer(servers.Connection.GetEndPoints()[0]);
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*"))
        {
            var name = ((string)key!)[prefix.Length..];
            if (name.Contains("{c:", StringComparison.Ordinal) || name.Contains("{wm:", StringComparison.Ordinal) || name.Contains(":once:", StringComparison.Ordinal) || name.Contains("lease", StringComparison.Ordinal))
            {
                continue;
            }

            snapshot[name] = await db.KeyTypeAsync(key) switch
            {
                RedisType.Hash => string.Join(";", (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}").Order(StringComparer.Ordinal)),
                RedisType.SortedSet => string.Join(";", (await db.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}={e.Score.ToString("R", CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal)),
                RedisType.String => (string)(await db.StringGetAsync(key))!,
                var other => other.ToString(),
            };
        }

        return WithCounterShardsSummed(snapshot);
    }

    // Which lifecycle-counter shard a batch adds to follows its random batch id: the sum over the shards is what must match.
    private static Dictionary<string, string> WithCounterShardsSummed(Dictionary<string, string> snapshot)
    {
        var sums = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var shard in snapshot.Keys.Where(k => k.StartsWith(":summary", StringComparison.Ordinal)).ToList())
        {
            foreach (var field in snapshot[shard].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=')))
            {
                sums[field[0]] = sums.GetValueOrDefault(field[0]) + double.Parse(field[1], CultureInfo.InvariantCulture);
            }

            snapshot.Remove(shard);
        }

        if (sums.Count > 0)
        {
            snapshot[":summary"] = string.Join(";", sums.Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}"));
        }

        return snapshot;
    }

    // Equal, field by field, with numbers compared to 1e-9 relative (float sums added in another order differ in the last
    // bits) and fields at zero left out (a split batch adds and removes a contribution that one batch never adds).
    private static bool SameValue(string a, string b)
    {
        static string[] Fields(string v) => v.Split(';').Where(f => !f.EndsWith("=0", StringComparison.Ordinal)).ToArray();
        var x = Fields(a);
        var y = Fields(b);
        return x.Length == y.Length && x.Zip(y).All(p =>
        {
            var (l, r) = (p.First.Split('='), p.Second.Split('='));
            if (l.Length != 2 || r.Length != 2 || l[0] != r[0])
            {
                return p.First == p.Second;
            }

            return l[1] == r[1] || (double.TryParse(l[1], CultureInfo.InvariantCulture, out var u) && double.TryParse(r[1], CultureInfo.InvariantCulture, out var v) && Math.Abs(u - v) <= 1e-9 * Math.Max(1, Math.Abs(u)));
        });
    }

    private async Task<List<(RedisKey Key, byte[] Dump)>> DumpAsync(string prefix)
    {
        var db = servers.Connection.GetDatabase();
        var server = servers.Connection.GetServer(servers.Connection.GetEndPoints()[0]);
        var dump = new List<(RedisKey, byte[])>();
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*"))
        {
            dump.Add((key, (await db.KeyDumpAsync(key))!));
        }

        return dump;
    }

    private async Task RestoreAsync(string prefix, List<(RedisKey Key, byte[] Dump)> snapshot)
    {
        var db = servers.Connection.GetDatabase();
        var server = servers.Connection.GetServer(servers.Connection.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*"))
        {
            await db.KeyDeleteAsync(key);
        }

        foreach (var (key, dump) in snapshot)
        {
            await db.KeyRestoreAsync(key, dump);
        }
    }
}
