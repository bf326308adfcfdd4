using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Grpc.Net.Client;
using Realtime.Application.Lifecycle;
using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;
using Realtime.Core.Simulation;
using Realtime.Grpc.Security;
using Realtime.Grpc.V1;
using Realtime.Kafka;
using Realtime.Redis;
using Realtime.Testing;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;

namespace Realtime.Host.Cli;

/// <summary>
/// <c>realtime demo</c>: the whole engine on embedded defaults. Starts a local redis-server and the in-process mock
/// Kafka broker, runs API + ingest, produces a simulated store's history (ending now) to <c>realtime.events</c>,
/// then prints a few live profiles read over gRPC, and keeps producing live events until Ctrl-C or <c>--duration</c>.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(DemoOptions options)
    {
        if (!LocalRedisServer.IsInstalled)
        {
            Console.Error.WriteLine("The demo needs redis-server on PATH. Install it: sudo apt-get install -y redis-server");
            return 1;
        }

        using var redis = LocalRedisServer.Start();
        Console.WriteLine($"redis-server started on {redis.ConnectionString}");
        // Authentication on, as in production: one fresh key with every scope, printed in the "Try:" lines.
        var key = ApiKey.Create();
        using var models = DemoModels.Folder(options.ConfigArgs);
        await using var app = RealtimeApp.Build(models.ConfigArgs, AppMode.All, new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = redis.ConnectionString,
            ["Kafka:BootstrapServers"] = KafkaOptions.Embedded,
            ["Api:Auth:Disabled"] = "false",
            ["Api:Auth:Keys:0:Name"] = "demo",
            ["Api:Auth:Keys:0:Sha256"] = key.Sha256,
            ["Api:Auth:Keys:0:Scopes"] = string.Join(',', ApiScopes.All),
            // The demo runs at any hour: no quiet hours, so its triggers show up on realtime.triggers right away.
            ["Triggers:QuietStartHour"] = "0",
            ["Triggers:QuietEndHour"] = "0",
        });

        // SIGTERM (systemd, Kubernetes, kill) and SIGINT (Ctrl-C) end the demo in whatever phase it is: each phase
        // watches this token, the host stops within its shutdown timeout, and the redis-server child is stopped when
        // `redis` is disposed. Cancelling the signal's default action keeps the exit code ours (0).
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var onHostStopping = app.Lifetime.ApplicationStopping.Register(stop.Cancel);
        try
        {
            await RunPhasesAsync(app, options, key.Key, stop);
        }
        catch (Exception ex) when (stop.IsCancellationRequested && IsCancellation(ex))
        {
            // Stopped by a signal in the middle of a phase: that is the normal way out, not a failure.
        }

        Console.WriteLine("stopping");
        await app.StopAsync(CancellationToken.None); // bounded by HostOptions.ShutdownTimeout (RealtimeApp)
        Console.WriteLine("demo stopped");
        return 0;
    }

    private static async Task RunPhasesAsync(WebApplication app, DemoOptions options, string apiKey, CancellationTokenSource stop)
    {
        await app.StartAsync(stop.Token);
        var broker = app.Services.GetRequiredService<KafkaBroker>();
        var grpcAddress = RealtimeApp.GrpcAddress(app);
        Console.WriteLine($"Kafka (embedded mock) at {broker.BootstrapServers}; gRPC at {grpcAddress}; metrics at {RealtimeApp.Addresses(app)[^1]}/metrics");
        Console.WriteLine($"API key (every scope) for this demo: {apiKey}  (send it as the header  authorization: Bearer {apiKey})");

        var now = DateTimeOffset.UtcNow;
        // The simulator dates some returns up to two weeks after their order, past now for late orders: ingest would
        // dead-letter those (Ingest:MaxFutureSkew), so the demo does not send them.
        var history = StoreSimulator.Generate(new SimulationOptions { Customers = options.Customers, Start = now.AddDays(-180), Span = TimeSpan.FromDays(180), MarketingSpend = true, TriggerPatterns = true })
            .Where(e => e.OccurredAt <= now).ToList();
        using var producer = new ProducerBuilder<string, byte[]>(broker.ProducerConfig()).Build();
        var topic = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KafkaOptions>>().Value.EventsTopic;
        var sent = await ProduceAsync(producer, topic, history, options.Rate, stop.Token);
        Console.WriteLine($"produced {sent} events for {options.Customers} customers (180 days of history)");
        Console.WriteLine($"Triggers: kcat -C -b {broker.BootstrapServers} -t realtime.triggers -o beginning -f '%k %s\\n'");

        using var channel = AuthorizedChannel(grpcAddress, apiKey);
        var client = new CustomerService.CustomerServiceClient(channel);
        var lastCustomer = history.Last(e => e.CustomerId.Length > 0).CustomerId; // spend and catalog events belong to no customer
        await WaitForIngestAsync(client, lastCustomer, stop.Token);
        var kafka = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KafkaOptions>>().Value;
        await WaitForCommittedAsync(broker.BootstrapServers, kafka.GroupId, topic, stop.Token);
        if (app.Services.GetRequiredService<ILifecycleCounters>() is RedisLifecycleCounters counters)
        {
            // The history arrived as one bulk load: score RFM against the whole population, not a mid-load snapshot,
            // and re-evaluate everyone's segments against it (heroes are the top of the population, which a bulk load
            // only knows at its end): every customer due now, one sweep.
            await counters.RefreshNowAsync(stop.Token);
            var sweepAt = DateTimeOffset.UtcNow;
            var everyone = history.Select(e => e.CustomerId).Distinct().Select(id => new SegmentDue(id, sweepAt)).ToList();
            await app.Services.GetRequiredService<ISegmentSchedule>().ScheduleAsync(everyone, stop.Token);
            await app.Services.GetRequiredService<SegmentSweeper>().SweepAsync(sweepAt, everyone.Count, TimeSpan.FromMinutes(1), stop.Token);
        }
        await DemoModels.TrainAsync(app, history, stop.Token);
        foreach (var id in history.Where(e => e.Type == EventType.OrderPlaced).Select(e => e.CustomerId).Distinct().Take(3))
        {
            PrintProfile(await client.GetProfileAsync(new GetProfileRequest { CustomerId = id }, cancellationToken: stop.Token));
            await DemoPrinter.PrintDecisionsAsync(channel, id, stop.Token);
        }

        await DemoPrinter.PrintSummaryAsync(channel, stop.Token);
        await DemoRecommendations.PrintAsync(channel, grpcAddress, apiKey, history, stop.Token);

        Console.WriteLine($"Serving. Try: grpcurl -plaintext -H 'authorization: Bearer {apiKey}' -d '{{\"customer_id\":\"{lastCustomer}\"}}' {grpcAddress.Authority} realtime.v1.CustomerService/GetProfile");
        var http = RealtimeApp.Addresses(app)[^1].TrimEnd('/');
        Console.WriteLine($"Try: curl -H 'authorization: Bearer {apiKey}' {http}/v1/customers/{lastCustomer}/profile");
        var login = await app.Services.GetRequiredService<Dashboard.DashboardSessions>().MintLoginTokenAsync(stop.Token);
        Console.WriteLine($"Open the dashboard: {Dashboard.DashboardLoginCommand.LoginUrl(http, login)}  (signs in one browser, once)");
        Console.WriteLine(options.Duration is null ? "Live events keep flowing; Ctrl-C to stop." : $"Live events keep flowing for {options.Duration.Value.TotalSeconds:F0} s.");
        if (options.Duration is { } duration)
        {
            // --duration counts the live phase, after the history is loaded and shown.
            stop.CancelAfter(duration);
        }

        await ProduceLiveAsync(producer, topic, options.Customers, stop.Token);
    }

    /// <summary>A channel whose calls carry the key (plaintext is fine: the demo listens on loopback only).</summary>
    private static GrpcChannel AuthorizedChannel(Uri address, string apiKey) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = global::Grpc.Core.ChannelCredentials.Create(global::Grpc.Core.ChannelCredentials.Insecure, global::Grpc.Core.CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", "Bearer " + apiKey);
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });

    private static bool IsCancellation(Exception ex) =>
        ex is OperationCanceledException || ex is global::Grpc.Core.RpcException { StatusCode: global::Grpc.Core.StatusCode.Cancelled };

    private static async Task<int> ProduceAsync(IProducer<string, byte[]> producer, string topic, List<CustomerEvent> events, int rate, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        foreach (var e in events)
        {
            if (ct.IsCancellationRequested)
            {
                break;
            }

            producer.Produce(topic, new Message<string, byte[]> { Key = e.Type switch { EventType.ProductUpserted => e.ProductId!, EventType.MarketingSpend => e.Channel!, _ => e.CustomerId }, Value = EventJson.Encode(e) });
            if (++sent % 1000 == 0)
            {
                // Pace to the requested rate so the demo looks like a live store, not a bulk load.
                var ahead = TimeSpan.FromSeconds(sent / (double)rate) - clock.Elapsed;
                if (ahead > TimeSpan.Zero)
                {
                    await Task.Delay(ahead, ct);
                }
            }
        }

        producer.Flush(TimeSpan.FromSeconds(10));
        return sent;
    }

    private static async Task ProduceLiveAsync(IProducer<string, byte[]> producer, string topic, int customers, CancellationToken ct)
    {
        var random = new Random(7);
        var n = 0;
        while (!ct.IsCancellationRequested)
        {
            var id = $"c{random.Next(customers):D6}";
            var product = $"p{(int)Math.Pow(random.NextDouble(), 3) * 500:D5}";
            var e = new CustomerEvent { EventId = $"live-{Guid.NewGuid():N}", Type = EventType.ProductViewed, CustomerId = id, OccurredAt = DateTimeOffset.UtcNow, ProductId = product, Category = $"cat{random.Next(12):D2}" };
            producer.Produce(topic, new Message<string, byte[]> { Key = id, Value = EventJson.Encode(e) });
            if (++n % 50 == 0)
            {
                Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} live: {n} events produced");
            }

            try
            {
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        producer.Flush(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Waits (up to a minute) until the ingest group has committed every partition of the topic to its end. A batch
    /// commits only after it is applied, so the models trained next see the whole history; the last customer's profile
    /// alone does not say that (another partition can still be behind, and a CLV fit on half the buyers is off).
    /// </summary>
    private static async Task WaitForCommittedAsync(string bootstrapServers, string groupId, string topic, CancellationToken ct)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId + "-demo-probe" }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(tp => tp, tp => probe.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);
        for (var attempt = 0; attempt < 600 && !ct.IsCancellationRequested; attempt++)
        {
            var groups = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(groupId, partitions)]);
            var committed = groups[0].Partitions.ToDictionary(p => p.TopicPartition, p => p.Offset.Value);
            if (partitions.All(tp => committed.GetValueOrDefault(tp, -1) >= ends[tp]))
            {
                return;
            }

            await Task.Delay(100, ct);
        }
    }

    private static async Task WaitForIngestAsync(CustomerService.CustomerServiceClient client, string lastCustomer, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 300 && !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                await client.GetProfileAsync(new GetProfileRequest { CustomerId = lastCustomer }, cancellationToken: ct);
                return;
            }
            catch (global::Grpc.Core.RpcException ex) when (ex.StatusCode == global::Grpc.Core.StatusCode.NotFound)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    private static void PrintProfile(CustomerProfile p)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"""
            ── customer {p.CustomerId} ({p.Acquisition.Channel}, acquisition cost {p.Acquisition.Cost.ToString("F2", inv)})
               orders {p.Orders.Count}, net revenue {p.Orders.NetRevenue.ToString("F2", inv)}, AOV {p.Orders.AverageOrderValue.ToString("F2", inv)}, mean gap {p.Orders.MeanGapDays.ToString("F1", inv)} days, returns {p.Orders.Returns}
               last order {p.Orders.LastAt?.ToDateTimeOffset().ToString("yyyy-MM-dd", inv) ?? "-"}, cart {p.Cart.Items.Count} items worth {p.Cart.Value.ToString("F2", inv)}
               top categories {string.Join(", ", p.Categories.Take(3).Select(c => $"{c.Category} ({c.Affinity.ToString("F1", inv)})"))}
               recent items {string.Join(", ", p.RecentItems.Take(5).Select(r => r.ProductId))}
               lifecycle {p.LifecycleStage} [{string.Join(", ", p.Segments)}], RFM {p.Rfm?.Code ?? "-"}, CLV {p.Clv?.Historical.ToString("F2", inv) ?? "-"} + {p.Clv?.Predicted.ToString("F2", inv) ?? "-"} predicted ({DemoModels.ClvMethodName(p.Clv?.Method)})
               email opens {p.Engagement.EmailOpens}, clicks {p.Engagement.EmailClicks}; reviews {p.Engagement.Reviews} (avg {p.Engagement.AverageRating.ToString("F1", inv)}); state {p.StateBytes} bytes
            """);
    }
}
