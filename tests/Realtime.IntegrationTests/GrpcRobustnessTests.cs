using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.Testing;

namespace Realtime.IntegrationTests;

/// <summary>What the API answers to bytes that are not a request, oversized input and a Redis that is gone.</summary>
[Collection(ServersCollection.Name)]
public sealed partial class GrpcRobustnessTests(Servers servers)
{
    private static readonly Method<byte[], byte[]> s_rawGetProfile = new(
        MethodType.Unary, "realtime.v1.CustomerService", "GetProfile", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    [Fact]
    public async Task Unparseable_request_bytes_are_an_invalid_argument_counted_in_the_latency_metric()
    {
        await using var engine = servers.NewScope("grpc-garbage").BuildEngine(AppMode.Api);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        using var http = new HttpClient { BaseAddress = MetricsAddress(engine) };
        var before = await CountAsync(http, "/realtime.v1.CustomerService/GetProfile", "INVALID_ARGUMENT");

        // A field 1 (customer_id) length-delimited of 100 bytes, with 3 bytes present: truncated, not a message.
        var garbage = new byte[] { 0x0a, 0x64, 0x41, 0x42, 0x43 };
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(s_rawGetProfile, null, default, garbage).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("GetProfileRequest", ex.Status.Detail);
        Assert.Equal(before + 1, await CountAsync(http, "/realtime.v1.CustomerService/GetProfile", "INVALID_ARGUMENT"));
    }

    [Fact]
    public async Task A_request_over_the_4_mb_limit_is_resource_exhausted_and_counted()
    {
        await using var engine = servers.NewScope("grpc-big").BuildEngine(AppMode.Api);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine), new GrpcChannelOptions { MaxSendMessageSize = null });
        using var http = new HttpClient { BaseAddress = MetricsAddress(engine) };
        var before = await CountAsync(http, "/realtime.v1.CustomerService/GetProfile", "RESOURCE_EXHAUSTED");

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(s_rawGetProfile, null, default, new byte[Realtime.Grpc.GrpcExtensions.MaxMessageBytes + 1]).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(before + 1, await CountAsync(http, "/realtime.v1.CustomerService/GetProfile", "RESOURCE_EXHAUSTED"));
    }

    [Fact]
    public async Task Successful_calls_are_labelled_with_the_canonical_status_name()
    {
        await using var engine = servers.NewScope("grpc-ok").BuildEngine(AppMode.Api);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        using var http = new HttpClient { BaseAddress = MetricsAddress(engine) };
        var before = await CountAsync(http, "/grpc.health.v1.Health/Check", "OK");

        await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(before + 1, await CountAsync(http, "/grpc.health.v1.Health/Check", "OK"));
    }

    [Fact]
    public async Task Server_reflection_still_lists_every_service_through_the_replaced_method_provider()
    {
        await using var engine = servers.NewScope("grpc-reflect").BuildEngine(AppMode.Api);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("realtime.v1.CustomerService", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }

    [Fact]
    public async Task An_8_kb_segment_name_is_quoted_short_in_the_error()
    {
        await using var engine = servers.NewScope("grpc-long").BuildEngine(AppMode.Api);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new ChurnService.ChurnServiceClient(channel);
        var request = new StreamAtRiskCustomersRequest { Segment = new string('s', 8192), PageSize = 10 };

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = client.StreamAtRiskCustomers(request);
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.True(ex.Status.Detail.Length < 200, $"detail of {ex.Status.Detail.Length} characters");
    }

    [Fact]
    public async Task With_redis_stopped_get_profile_answers_unavailable_within_the_operation_timeout()
    {
        var redis = LocalRedisServer.Start();
        var scope = servers.NewScope("grpc-redis-down");
        var settings = scope.Settings;
        settings["Redis:ConnectionString"] = redis.ConnectionString;
        settings["Redis:OperationTimeoutMs"] = "500";
        await using var engine = RealtimeApp.Build([], AppMode.Api, settings);
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new CustomerService.CustomerServiceClient(channel);
        var warm = await Assert.ThrowsAsync<RpcException>(() => client.GetProfileAsync(new GetProfileRequest { CustomerId = "nobody" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, warm.StatusCode);

        redis.Dispose();
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetProfileAsync(new GetProfileRequest { CustomerId = "nobody" }).ResponseAsync);
        clock.Stop();

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"answered after {clock.Elapsed.TotalMilliseconds:0} ms");
        await engine.StopAsync();
    }

    private static Uri MetricsAddress(WebApplication engine)
    {
        var grpc = RealtimeApp.GrpcAddress(engine).ToString().TrimEnd('/');
        return new Uri(RealtimeApp.Addresses(engine).First(a => a.TrimEnd('/') != grpc));
    }

    private static async Task<double> CountAsync(HttpClient http, string method, string status)
    {
        var text = await http.GetStringAsync("/metrics");
        var line = CountLine().Matches(text).FirstOrDefault(m => m.Groups["method"].Value == method && m.Groups["status"].Value == status);
        return line is null ? 0 : double.Parse(line.Groups["n"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("""^realtime_grpc_request_duration_seconds_count\{method="(?<method>[^"]*)",status="(?<status>[^"]*)"\} (?<n>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex CountLine();
}
