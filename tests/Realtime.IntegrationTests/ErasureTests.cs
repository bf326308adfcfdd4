using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Realtime.Core.Events;
using Realtime.Core.Privacy;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.Kafka;
using StackExchange.Redis;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;
using OrderLine = Realtime.Core.Events.OrderLine;

namespace Realtime.IntegrationTests;

/// <summary>Right to erasure end to end: Redis holds nothing of the customer, downstream is told, the audit line has only the hash.</summary>
[Collection(ServersCollection.Name)]
public sealed class ErasureTests(Servers servers)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Forgetting_a_customer_leaves_no_trace_in_redis_tells_downstream_and_audits_only_the_hash()
    {
        var scope = servers.NewScope("erase");
        var victim = $"victim-{Guid.NewGuid():N}"[..20];
        var bystander = $"bystander-{Guid.NewGuid():N}"[..23];
        var settings = scope.Settings;
        settings["Logging:LogLevel:" + ErasureAuditLog.Category] = "Information";
        await using var engine = RealtimeApp.Build([], AppMode.All, settings);
        var logs = new CapturedLogs();
        engine.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await engine.StartAsync();
        scope.Produce(History(victim, bystander, DateTimeOffset.UtcNow.AddHours(-2)));
        await WaitUntilAsync(async () => (await scope.Store.GetAsync(victim, CancellationToken.None))?.OrderCount == 1
            && await scope.Store.GetAsync(bystander, CancellationToken.None) is { OrderCount: 1 });
        // The victim's purchase history (field h of its hash, product ids and times) exists before and goes with the hash.
        Assert.NotNull((await scope.Store.GetWithHistoryAsync(victim, CancellationToken.None))?.History);

        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var reply = await new CustomerService.CustomerServiceClient(channel).ForgetCustomerAsync(new ForgetCustomerRequest { CustomerId = victim });

        Assert.True(reply.Existed);
        Assert.False(string.IsNullOrEmpty(reply.RequestId));
        var (keys, traces) = await RedisTracesAsync(scope.KeyPrefix, victim);
        Assert.Contains(keys, k => k.Contains(bystander, StringComparison.Ordinal));
        Assert.True(traces.Count == 0, "still mentions the customer: " + string.Join("; ", traces));
        Assert.Null(await scope.Store.GetWithHistoryAsync(victim, CancellationToken.None));
        Assert.False(await servers.Connection.GetDatabase().HashExistsAsync(new Realtime.Redis.RedisKeys(scope.KeyPrefix).Customer(victim), "h"));
        Assert.NotNull((await scope.Store.GetWithHistoryAsync(bystander, CancellationToken.None))?.History);

        var (forgotten, tombstone) = ReadErasureRecords(scope.SegmentsTopic, victim);
        using var json = JsonDocument.Parse(forgotten.Message.Value!);
        Assert.Equal(CustomerForgottenJson.Type, json.RootElement.GetProperty("type").GetString());
        Assert.Equal(victim, json.RootElement.GetProperty("customer_id").GetString());
        Assert.Equal(reply.RequestId, json.RootElement.GetProperty("request_id").GetString());
        Assert.True(DateTimeOffset.UtcNow - json.RootElement.GetProperty("forgotten_at").GetDateTimeOffset() < s_timeout);
        Assert.Equal(CustomerForgottenJson.Type, Encoding.UTF8.GetString(forgotten.Message.Headers.GetLastBytes(ErasurePublisher.TypeHeader)));
        Assert.Null(tombstone.Message.Value);
        Assert.Equal(forgotten.Partition, tombstone.Partition);
        Assert.True(tombstone.Offset > forgotten.Offset, "the tombstone comes after the record, so compaction drops both");

        var audit = Assert.Single(logs.Lines, l => l.Category == ErasureAuditLog.Category);
        Assert.Contains(ErasureAuditEntry.HashOf(victim), audit.Message, StringComparison.Ordinal);
        Assert.Contains(reply.RequestId, audit.Message, StringComparison.Ordinal);
        Assert.Contains("caller unknown", audit.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(victim, StringComparison.Ordinal));

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(RealtimeApp.Addresses(engine)[^1] + "/metrics");
        Assert.Contains("realtime_customers_forgotten_total{existed=\"true\"}", metrics, StringComparison.Ordinal);
        await engine.StopAsync();
    }

    /// <summary>Orders, views, a cart and an offer shown for the victim (its id also inside event and order ids), and a bystander who shares products.</summary>
    private static List<CustomerEvent> History(string victim, string bystander, DateTimeOffset start)
    {
        var events = new List<CustomerEvent>();
        var n = 0;
        void Add(string customer, EventType type, Func<CustomerEvent, CustomerEvent>? with = null)
        {
            var e = new CustomerEvent { EventId = $"{customer}-e{n++}", Type = type, CustomerId = customer, OccurredAt = start.AddMinutes(n) };
            events.Add(with is null ? e : with(e));
        }

        foreach (var product in new[] { "p-a", "p-b", "p-c" })
        {
            events.Add(new CustomerEvent { EventId = $"cat-{product}", Type = EventType.ProductUpserted, CustomerId = string.Empty, ProductId = product, Category = "shoes", Price = 40, OccurredAt = start });
        }

        foreach (var customer in new[] { victim, bystander })
        {
            Add(customer, EventType.CustomerRegistered, e => e with { Channel = "email", Campaign = "spring", AcquisitionCost = 4 });
            Add(customer, EventType.ProductViewed, e => e with { ProductId = "p-a", Category = "shoes" });
            Add(customer, EventType.ProductViewed, e => e with { ProductId = "p-b", Category = "shoes" });
            Add(customer, EventType.AddedToCart, e => e with { ProductId = "p-a", Category = "shoes", Price = 40 });
            Add(customer, EventType.OfferShown, e => e with { OfferId = "welcome10", Channel = "email" });
            Add(customer, EventType.OrderPlaced, e => e with
            {
                OrderId = $"order-{customer}",
                Lines = [new OrderLine("p-a", "shoes", 1, 40), new OrderLine("p-b", "shoes", 2, 30)],
                Amount = 100,
                Currency = "EUR",
                OfferId = "welcome10",
            });
            Add(customer, EventType.AddedToCart, e => e with { ProductId = "p-c", Category = "shoes", Price = 40 });
        }

        return events;
    }

    /// <summary>Every key of the prefix (key names anywhere, so hash-tagged guards count too) and each one naming or holding the customer.</summary>
    private async Task<(List<string> Keys, List<string> Traces)> RedisTracesAsync(string prefix, string customerId)
    {
        var db = servers.Connection.GetDatabase();
        var server = servers.Connection.GetServer(servers.Connection.GetEndPoints()[0]);
        var needle = Encoding.UTF8.GetBytes(customerId);
        var keys = new List<string>();
        var traces = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: $"*{prefix}*", pageSize: 500))
        {
            keys.Add(key!);
            if (key.ToString().Contains(customerId, StringComparison.Ordinal))
            {
                traces.Add($"key {key}");
                continue;
            }

            var type = await db.KeyTypeAsync(key);
            RedisValue[] values = type switch
            {
                RedisType.String => [await db.StringGetAsync(key)],
                RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }).ToArray(),
                RedisType.SortedSet => await db.SortedSetRangeByRankAsync(key),
                RedisType.List => await db.ListRangeAsync(key),
                RedisType.Set => await db.SetMembersAsync(key),
                _ => throw new InvalidOperationException($"key {key} has type {type}, which this check does not read"),
            };
            if (values.Any(v => !v.IsNull && ((byte[])v!).AsSpan().IndexOf(needle) >= 0))
            {
                traces.Add($"{type} {key}");
            }
        }

        return (keys, traces);
    }

    /// <summary>The customer_forgotten record and the tombstone for <paramref name="customerId"/> on the segments topic.</summary>
    private (ConsumeResult<string?, byte[]?> Forgotten, ConsumeResult<string?, byte[]?> Tombstone) ReadErasureRecords(string topic, string customerId)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = servers.Kafka.BootstrapServers,
            GroupId = $"erasure-{topic}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        ConsumeResult<string?, byte[]?>? forgotten = null, tombstone = null;
        var deadline = DateTime.UtcNow + s_timeout;
        while ((forgotten is null || tombstone is null) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } r && r.Message.Key == customerId)
            {
                if (r.Message.Value is null)
                {
                    tombstone = r;
                }
                else if (r.Message.Headers.TryGetLastBytes(ErasurePublisher.TypeHeader, out _))
                {
                    forgotten = r;
                }
            }
        }

        consumer.Close();
        Assert.NotNull(forgotten);
        Assert.NotNull(tombstone);
        return (forgotten, tombstone);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the engine did not ingest the history in time");
            await Task.Delay(100);
        }
    }
}
