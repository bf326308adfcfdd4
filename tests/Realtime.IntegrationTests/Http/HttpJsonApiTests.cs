using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Simulation;
using Realtime.Grpc.Security;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.IntegrationTests.Security;

namespace Realtime.IntegrationTests.Http;

/// <summary>
/// Every RPC over HTTP/JSON on the HTTP/1.1 port (gRPC JSON transcoding): the same credentials, scopes, limits and
/// validation as gRPC, and the same answers.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class HttpJsonApiTests(Servers servers) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly Dictionary<string, string> _keyByScope = ApiScopes.All.ToDictionary(s => s, _ => ApiKey.Create().Key);
    private readonly string _everyScope = ApiKey.Create().Key;
    private readonly string _limited = ApiKey.Create().Key;
    private readonly SimulationOptions _sim = new() { Customers = 40, Seed = 41 };
    private readonly TestScope _scope = servers.NewScope("http-json");
    private WebApplication _engine = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var keys = _keyByScope.Select(kv => (Name: "client-" + kv.Key.Replace(':', '-'), Key: kv.Value, Scopes: kv.Key))
            .Append(("everything", _everyScope, string.Join(',', ApiScopes.All)))
            .Append(("limited", _limited, ApiScopes.InsightsRead))
            .ToArray();
        var settings = _scope.Settings;
        settings["Api:Auth:Disabled"] = "false";
        settings["Api:RateLimits:insights:read:PerSecond"] = "1";
        settings["Api:RateLimits:insights:read:Burst"] = "10";
        foreach (var (key, value) in SecureEngine.Keys(keys))
        {
            settings[key] = value;
        }

        // A fixed clock: answers evaluated "now" (recency, decayed affinities, CLV) are the same over both transports.
        _engine = RealtimeApp.Build([], AppMode.All, settings, new FakeTimeProvider(_sim.Start + _sim.Span + TimeSpan.FromDays(1)));
        await _engine.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(RealtimeApp.Addresses(_engine)[^1]) };
    }

    public async Task DisposeAsync()
    {
        await _engine.StopAsync();
        await _engine.DisposeAsync();
    }

    public void Dispose() => _http?.Dispose();

    [Fact]
    public void Every_rpc_has_an_http_route_and_the_calls_cover_every_scoped_method()
    {
        var unrouted = HttpCalls.Services.SelectMany(s => s.Methods).Where(m => HttpCalls.RuleOf(m) is null).Select(m => m.FullName).ToList();
        Assert.True(unrouted.Count == 0, "no google.api.http rule: " + string.Join(", ", unrouted));
        Assert.Equal(ApiScopes.ByMethod.Keys.Order(), HttpCalls.All.Keys.Order());
    }

    [Fact]
    public async Task Every_route_answers_401_without_a_key_or_with_an_unknown_one()
    {
        var problems = new List<string>();
        foreach (var method in HttpCalls.All.Keys)
        {
            foreach (var (what, bearer) in new[] { ("no key", (string?)null), ("an unknown key", ApiKey.Create().Key) })
            {
                using var response = await _http.SendAsync(HttpCalls.Request(method, bearer));
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    problems.Add($"{method} with {what}: {(int)response.StatusCode}, expected 401");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_route_answers_403_with_a_key_of_another_scope_and_is_allowed_with_its_own()
    {
        var problems = new List<string>();
        foreach (var (method, scope) in ApiScopes.ByMethod)
        {
            using var denied = await _http.SendAsync(HttpCalls.Request(method, _keyByScope[ApiScopes.All.First(s => s != scope)]));
            if (denied.StatusCode != HttpStatusCode.Forbidden)
            {
                problems.Add($"{method} with a key of another scope: {(int)denied.StatusCode}, expected 403");
            }

            using var allowed = await _http.SendAsync(HttpCalls.Request(method, _keyByScope[scope]));
            // Any answer of the service (200, or 404 for the unknown customer "nobody") means the call got through.
            if (allowed.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests)
            {
                problems.Add($"{method} with a {scope} key: {(int)allowed.StatusCode}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("/v1/customers/not%20an%20id/profile", "customer_id")]
    [InlineData("/v1/recommendations?count=500", "count")]
    [InlineData("/v1/segments/nonsense/members?page_size=10", "segment")]
    public async Task An_invalid_argument_answers_400_with_a_message_naming_the_field(string path, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _everyScope);
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)StatusCode.InvalidArgument, error.RootElement.GetProperty("code").GetInt32());
        Assert.Contains(field, error.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limits_apply_to_http_calls_as_to_grpc_calls()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            using var response = await _http.SendAsync(HttpCalls.Request("/realtime.v1.InsightsService/GetLifecycleSummary", _limited));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Profile_churn_and_summary_over_http_equal_the_grpc_responses()
    {
        var customer = await LoadHistoryAsync();
        using var channel = Channel();

        var profile = await new CustomerService.CustomerServiceClient(channel).GetProfileAsync(new GetProfileRequest { CustomerId = customer });
        Assert.Equal(profile, JsonParser.Default.Parse<CustomerProfile>(await GetAsync($"/v1/customers/{customer}/profile")));

        var churn = await new ChurnService.ChurnServiceClient(channel).GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = customer, TopFeatures = 2 });
        Assert.Equal(churn, JsonParser.Default.Parse<ChurnScore>(await GetAsync($"/v1/customers/{customer}/churn?top_features=2")));

        // The counters of the last batch land just after its states: compare once two gRPC reads around the HTTP one agree.
        var insights = new InsightsService.InsightsServiceClient(channel);
        for (var attempt = 0; ; attempt++)
        {
            var before = await insights.GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest());
            var http = JsonParser.Default.Parse<LifecycleSummary>(await GetAsync("/v1/insights/lifecycle"));
            var after = await insights.GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest());
            if (before.Equals(after) || attempt == 10)
            {
                Assert.Equal(after, http);
                break;
            }

            // Past the insights:read burst of this engine's rate limit within a few attempts otherwise.
            await Task.Delay(1000);
        }
    }

    [Fact]
    public async Task A_streaming_rpc_answers_one_json_message_per_line_with_the_same_members_as_grpc()
    {
        await LoadHistoryAsync();
        using var channel = Channel();
        var summary = await new InsightsService.InsightsServiceClient(channel).GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest());
        var segment = summary.Segments.MaxBy(s => s.Customers)!.Segment;
        var grpc = new List<string>();
        var grpcPages = 0;
        using (var call = new CustomerService.CustomerServiceClient(channel).ListSegmentMembers(new ListSegmentMembersRequest { Segment = segment, PageSize = 2 }))
        {
            await foreach (var page in call.ResponseStream.ReadAllAsync())
            {
                grpc.AddRange(page.CustomerIds);
                grpcPages++;
            }
        }

        var lines = (await GetAsync($"/v1/segments/{segment}/members?page_size=2")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var http = lines.SelectMany(l => JsonParser.Default.Parse<SegmentMembersPage>(l).CustomerIds).ToList();

        Assert.NotEmpty(grpc);
        Assert.True(grpcPages > 1, "expected several pages");
        Assert.Equal(grpcPages, lines.Length);
        Assert.Equal(grpc.Order(), http.Order());
    }

    [Fact]
    public async Task Http_calls_are_timed_in_the_per_rpc_latency_histogram_with_their_status()
    {
        const string method = "/realtime.v1.InsightsService/GetLifecycleSummary"; // Method.FullName, as the label carries it
        var (ok, denied) = (await TimedCallsAsync(method, "OK"), await TimedCallsAsync(method, "PERMISSION_DENIED"));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/v1/insights/lifecycle", _everyScope));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync("/v1/insights/lifecycle", _keyByScope[ApiScopes.ChurnRead]));

        Assert.True(await TimedCallsAsync(method, "OK") >= ok + 1, "the allowed HTTP call was not timed under OK");
        Assert.True(await TimedCallsAsync(method, "PERMISSION_DENIED") >= denied + 1, "the refused HTTP call was not timed under PERMISSION_DENIED");
    }

    [Fact]
    public async Task The_openapi_document_is_open_and_describes_every_route()
    {
        using var response = await _http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToList();
        Assert.Equal(HttpCalls.All.Count, operations.Count);
        Assert.Contains("GET /v1/customers/{customerId}/profile", operations);
        Assert.Contains("POST /v1/customers/{customerId}/offers:decide", operations);
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The count of <c>realtime_grpc_request_duration_seconds</c> for one method and status, as /metrics exports it.</summary>
    private async Task<double> TimedCallsAsync(string method, string status)
    {
        var line = (await GetAsync("/metrics")).Split('\n')
            .FirstOrDefault(l => l.StartsWith("realtime_grpc_request_duration_seconds_count{", StringComparison.Ordinal)
                && l.Contains($"method=\"{method}\"", StringComparison.Ordinal) && l.Contains($"status=\"{status}\"", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _everyScope);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private GrpcChannel Channel() => GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(_engine), new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + _everyScope);
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    /// <summary>Feeds the simulated history through Kafka and waits until ingest has applied it; returns a repeat buyer.</summary>
    private async Task<string> LoadHistoryAsync()
    {
        var events = StoreSimulator.Generate(_sim).ToList();
        var expected = TestScope.ExpectedStates(events);
        _scope.Produce(events);
        var mismatches = await _scope.WaitUntilStatesMatchAsync(expected, s_timeout);
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        return expected.First(kv => kv.Value.OrderCount >= 2).Key;
    }
}
