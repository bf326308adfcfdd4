using System.Net;
using System.Security.Claims;
using System.Text;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Realtime.Grpc.Security;

namespace Realtime.IntegrationTests.Security;

/// <summary>Authentication and per-RPC scopes against a real Kestrel over TLS with a generated certificate.</summary>
[Collection(ServersCollection.Name)]
public sealed class ApiSecurityTests(Servers servers) : IAsyncLifetime, IDisposable
{
    private const string JwtSigningKey = "a-test-signing-key-of-at-least-32-bytes!";
    private const string JwtIssuer = "https://issuer.test";
    private const string JwtAudience = "realtime";
    private readonly TestCertificates _certificates = new();
    private readonly Dictionary<string, string> _keyByScope = ApiScopes.All.ToDictionary(s => s, _ => ApiKey.Create().Key);
    private SecureEngine _engine = null!;

    public async Task InitializeAsync()
    {
        var settings = SecureEngine.Keys(_keyByScope.Select(kv => (Name: "client-" + kv.Key.Replace(':', '-'), Key: kv.Value, Scopes: kv.Key)).ToArray());
        settings["Api:Auth:Jwt:Issuer"] = JwtIssuer;
        settings["Api:Auth:Jwt:Audience"] = JwtAudience;
        settings["Api:Auth:Jwt:SigningKey"] = JwtSigningKey;
        settings["Api:RateLimits:insights:read:PerSecond"] = "1";
        settings["Api:RateLimits:insights:read:Burst"] = "4"; // the scope-coverage test makes one call of each of the three insights RPCs
        _engine = await SecureEngine.StartAsync(servers.NewScope("security"), _certificates, settings);
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
    }

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Every_rpc_is_allowed_with_a_key_of_its_scope_and_permission_denied_with_a_key_of_another_scope()
    {
        var problems = new List<string>();
        foreach (var (method, scope) in ApiScopes.ByMethod)
        {
            using var own = _engine.Channel(_keyByScope[scope]);
            var allowed = await RpcCalls.StatusOf(method, own);
            if (allowed is StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.ResourceExhausted)
            {
                problems.Add($"{method} with a {scope} key: {allowed}");
            }

            using var other = _engine.Channel(_keyByScope[ApiScopes.All.First(s => s != scope)]);
            var denied = await RpcCalls.StatusOf(method, other);
            if (denied != StatusCode.PermissionDenied)
            {
                problems.Add($"{method} with a key of another scope: {denied}, expected PermissionDenied");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_rpc_is_unauthenticated_without_a_key_or_with_a_wrong_one()
    {
        var problems = new List<string>();
        using var none = _engine.Channel(null);
        using var wrong = _engine.Channel(ApiKey.Create().Key);
        using var garbage = _engine.Channel("not-a-key.at.all");
        foreach (var method in ApiScopes.ByMethod.Keys)
        {
            foreach (var (what, channel) in new[] { ("no key", none), ("an unknown key", wrong), ("a malformed token", garbage) })
            {
                var status = await RpcCalls.StatusOf(method, channel);
                if (status != StatusCode.Unauthenticated)
                {
                    problems.Add($"{method} with {what}: {status}, expected Unauthenticated");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Refusals_are_counted_by_client_and_reason()
    {
        using var other = _engine.Channel(_keyByScope[ApiScopes.ChurnRead]);
        using var none = _engine.Channel(null);
        await RpcCalls.StatusOf("/realtime.v1.CustomerService/GetProfile", other);
        await RpcCalls.StatusOf("/realtime.v1.CustomerService/GetProfile", none);
        var metrics = await MetricsAsync(_keyByScope[ApiScopes.MetricsRead]);
        Assert.Contains("realtime_api_auth_failures_total{client=\"client-churn-read\",reason=\"missing_scope\"}", metrics);
        Assert.Contains("realtime_api_auth_failures_total{client=\"anonymous\",reason=\"no_credential\"}", metrics);
    }

    [Theory]
    [InlineData("scope")]
    [InlineData("scp")]
    public async Task A_jwt_is_accepted_with_its_scopes_from_the_scope_or_scp_claim(string claim)
    {
        var token = Jwt(new Claim("sub", "email-system"), new Claim(claim, $"{ApiScopes.ProfilesRead} {ApiScopes.ChurnRead}"));
        using var channel = _engine.Channel(token);
        Assert.Equal(StatusCode.NotFound, await RpcCalls.StatusOf("/realtime.v1.CustomerService/GetProfile", channel));
        Assert.Equal(StatusCode.PermissionDenied, await RpcCalls.StatusOf("/realtime.v1.RecommendationService/Recommend", channel));
    }

    [Fact]
    public async Task A_jwt_signed_with_another_key_is_unauthenticated()
    {
        var token = Jwt(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-signing-key-of-at-least-32-bytes")), new Claim("sub", "x"), new Claim("scope", ApiScopes.ProfilesRead));
        using var channel = _engine.Channel(token);
        Assert.Equal(StatusCode.Unauthenticated, await RpcCalls.StatusOf("/realtime.v1.CustomerService/GetProfile", channel));
    }

    [Fact]
    public async Task A_client_over_its_rate_limit_gets_resource_exhausted()
    {
        using var channel = _engine.Channel(_keyByScope[ApiScopes.InsightsRead]);
        var statuses = new List<StatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add(await RpcCalls.StatusOf("/realtime.v1.InsightsService/GetLifecycleSummary", channel));
        }

        Assert.Contains(StatusCode.OK, statuses);
        Assert.Contains(StatusCode.ResourceExhausted, statuses);
        // Another client's bucket is its own: a JWT client with the same scope is not limited by the key's calls.
        using var jwt = _engine.Channel(Jwt(new Claim("sub", "other-client"), new Claim("scope", ApiScopes.InsightsRead)));
        Assert.Equal(StatusCode.OK, await RpcCalls.StatusOf("/realtime.v1.InsightsService/GetLifecycleSummary", jwt));
    }

    [Fact]
    public async Task Health_is_open_and_metrics_need_the_metrics_scope()
    {
        using var none = _engine.Channel(null);
        var health = await new Health.HealthClient(none).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        using var http = _engine.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
        using var wrongScope = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "authorization", "Bearer " + _keyByScope[ApiScopes.ProfilesRead] } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(wrongScope)).StatusCode);
        Assert.Contains("realtime_grpc_request_duration_seconds", await MetricsAsync(_keyByScope[ApiScopes.MetricsRead]));
    }

    private async Task<string> MetricsAsync(string key)
    {
        using var http = _engine.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "authorization", "Bearer " + key } } };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static string Jwt(params Claim[] claims) => Jwt(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtSigningKey)), claims);

    private static string Jwt(SecurityKey key, params Claim[] claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = JwtIssuer,
        Audience = JwtAudience,
        Subject = new ClaimsIdentity(claims),
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
}
