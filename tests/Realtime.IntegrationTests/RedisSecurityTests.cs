using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Realtime.Core.Events;
using Realtime.Core.Ports;
using Realtime.Core.State;
using Realtime.Redis;
using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.IntegrationTests;

/// <summary>
/// The Redis adapter against redis-servers that demand credentials or TLS, configured only through the <c>Redis:*</c>
/// settings (bound, validated and applied by <see cref="RedisExtensions.AddRedis"/>), as in production.
/// </summary>
public sealed class RedisSecurityTests : IDisposable
{
    private const string User = "realtime";
    private const string Secret = "s3cret-pass-1";
    private readonly string _dir = Directory.CreateTempSubdirectory("realtime-redis-sec-").FullName;

    [Fact]
    public async Task States_round_trip_as_an_acl_user_whose_password_comes_from_a_file()
    {
        using var redis = StartAclServer();
        var passwordFile = Path.Combine(_dir, "redis-password");
        await File.WriteAllTextAsync(passwordFile, Secret + "\n");
        using var host = BuildHost(new() { ["Redis:ConnectionString"] = redis.ConnectionString, ["Redis:User"] = User, ["Redis:PasswordFile"] = passwordFile });

        await RoundTripAsync(host);
    }

    [Fact]
    public async Task A_wrong_password_fails_with_an_authentication_error()
    {
        using var redis = StartAclServer();
        using var host = BuildHost(new() { ["Redis:ConnectionString"] = redis.ConnectionString, ["Redis:User"] = User, ["Redis:Password"] = "wrong" });

        // The client connects (and re-connects) in the background, so the refusal is observed on the multiplexer's
        // connection-failure events; a call meanwhile fails, and never echoes the password.
        var multiplexer = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var refused = new TaskCompletionSource<ConnectionFailureType>(TaskCreationOptions.RunContinuationsAsynchronously);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            if (e.FailureType == ConnectionFailureType.AuthenticationFailure || e.Exception?.ToString().Contains("WRONGPASS", StringComparison.Ordinal) == true)
            {
                refused.TrySetResult(e.FailureType);
            }
        };
        var store = host.Services.GetRequiredService<ICustomerStateStore>();
        var ex = await Assert.ThrowsAnyAsync<RedisException>(() => store.GetAsync("c-1", CancellationToken.None));
        Assert.DoesNotContain("wrong", ex.ToString(), StringComparison.Ordinal);
        var named = ex.ToString().Contains("Authentication", StringComparison.OrdinalIgnoreCase)
            || await Task.WhenAny(refused.Task, Task.Delay(TimeSpan.FromSeconds(15))) == refused.Task;
        Assert.True(named, "the refusal was reported as an authentication failure");
    }

    [Fact]
    public async Task The_default_user_is_refused_when_only_the_acl_user_is_enabled()
    {
        using var redis = StartAclServer();
        using var anonymous = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",abortConnect=false,connectTimeout=1000,syncTimeout=1000");

        await Assert.ThrowsAnyAsync<RedisException>(() => anonymous.GetDatabase().StringGetAsync("k"));
    }

    [Fact]
    public void A_missing_password_file_fails_start_up_naming_the_key()
    {
        var missing = Path.Combine(_dir, "absent");
        using var host = BuildHost(new() { ["Redis:PasswordFile"] = missing });

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<RedisOptions>>().Value);
        Assert.Contains("Redis:PasswordFile", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task States_round_trip_over_tls_trusting_the_configured_ca_with_a_password()
    {
        using var certs = new TestCertificates();
        using var redis = LocalRedisServer.Start([.. certs.RedisTlsArguments, "--requirepass", Secret], tls: true);
        // The password arrives the way a container passes it: an environment variable with '__' for ':'.
        var prefix = $"RTSEC{Environment.ProcessId}_";
        Environment.SetEnvironmentVariable(prefix + "Redis__Password", Secret);
        using var host = BuildHost(new()
        {
            ["Redis:ConnectionString"] = $"localhost:{redis.Port}",
            ["Redis:Tls"] = "true",
            ["Redis:TlsCaPath"] = certs.CaPath,
        }, prefix);

        await RoundTripAsync(host);
    }

    [Fact]
    public async Task Tls_fails_when_the_server_certificate_is_not_from_the_trusted_ca()
    {
        using var certs = new TestCertificates();
        using var other = new TestCertificates();
        using var redis = LocalRedisServer.Start(certs.RedisTlsArguments, tls: true);
        using var host = BuildHost(new()
        {
            ["Redis:ConnectionString"] = $"localhost:{redis.Port}",
            ["Redis:Tls"] = "true",
            ["Redis:TlsCaPath"] = other.CaPath,
        });

        var store = host.Services.GetRequiredService<ICustomerStateStore>();
        await Assert.ThrowsAnyAsync<RedisException>(() => store.GetAsync("c-1", CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// An ACL user with a password limited to the keys of its prefix and the command categories docs/security.md
    /// recommends; the passwordless default user is switched off.
    /// </summary>
    private static LocalRedisServer StartAclServer() =>
        LocalRedisServer.Start(["--user", User, "on", ">" + Secret, "~sec:*", "~{sec:*", "&*", "+@read", "+@write", "+@scripting", "+@connection", "-@dangerous", "+info", "--user", "default", "off"], tls: false);

    private static IHost BuildHost(Dictionary<string, string?> settings, string? environmentPrefix = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (environmentPrefix is not null)
        {
            builder.Configuration.AddEnvironmentVariables(environmentPrefix);
        }

        builder.Configuration["Redis:KeyPrefix"] = "sec";
        builder.Configuration["Redis:OperationTimeoutMs"] = "2000";
        builder.AddRedis();
        return builder.Build();
    }

    private static async Task RoundTripAsync(IHost host)
    {
        var store = host.Services.GetRequiredService<ICustomerStateStore>();
        var state = new CustomerState("c-secure") { LastPartition = 0, LastOffset = 1 };
        CustomerFold.Apply(state, new CustomerEvent { EventId = "e-1", Type = EventType.ProductViewed, CustomerId = "c-secure", OccurredAt = DateTimeOffset.UnixEpoch.AddDays(20_000), ProductId = "p-1" });

        var written = await store.SaveAsync([state], CancellationToken.None);
        Assert.Equal([true], written);
        var loaded = await store.LoadAsync(["c-secure"], CancellationToken.None);
        Assert.Equal(StateCodec.Encode(state), StateCodec.Encode(loaded["c-secure"]));
    }
}
