using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using Microsoft.Extensions.Logging;
using Realtime.Grpc.Security;
using Realtime.Host;
using Realtime.Host.Cli;

namespace Realtime.IntegrationTests.Security;

/// <summary>Keys never reach the logs; <c>realtime keys create</c> output works as configuration; reflection needs a credential.</summary>
[Collection(ServersCollection.Name)]
public sealed class SecretHygieneTests(Servers servers) : IDisposable
{
    private const string GetProfile = "/realtime.v1.CustomerService/GetProfile";
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Neither_a_key_nor_its_hash_appears_in_the_logs_at_trace_level()
    {
        var key = ApiKey.Create();
        var wrong = ApiKey.Create();
        var settings = SecureEngine.Keys(("storefront", key.Key, ApiScopes.ProfilesRead));
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        settings["Logging:LogLevel:Grpc"] = "Trace";
        var scope = servers.NewScope("log-secrets");
        var all = scope.Settings;
        all["Api:Auth:Disabled"] = "false";
        all["Api:Tls:CertificatePath"] = _certificates.ServerCertificatePath;
        all["Api:Tls:KeyPath"] = _certificates.ServerKeyPath;
        foreach (var (k, v) in settings)
        {
            all[k] = v;
        }

        var captured = new CapturingLoggerProvider();
        var app = RealtimeApp.Build([], AppMode.Api, all);
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(captured);
        await app.StartAsync();
        try
        {
            var engine = SecureEngineFor(app);
            using var good = engine.Channel(key.Key);
            using var bad = engine.Channel(wrong.Key);
            using var scopeless = engine.Channel(key.Key);
            Assert.Equal(StatusCode.NotFound, await RpcCalls.StatusOf(GetProfile, good));
            Assert.Equal(StatusCode.Unauthenticated, await RpcCalls.StatusOf(GetProfile, bad));
            Assert.Equal(StatusCode.PermissionDenied, await RpcCalls.StatusOf("/realtime.v1.CustomerService/ForgetCustomer", scopeless));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var text = captured.Text;
        Assert.True(captured.Count > 100, $"expected a Trace-level log, got {captured.Count} lines");
        Assert.Contains("\nTrace ", text, StringComparison.Ordinal);
        Assert.Contains("refused", text, StringComparison.Ordinal);
        foreach (var secret in new[] { key.Key, key.Sha256, wrong.Key, wrong.Sha256 })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_output_of_keys_create_works_as_configuration()
    {
        using var output = new StringWriter();
        Assert.Equal(0, await RealtimeCli.RunAsync(["keys", "create", "--name", "storefront", "--scopes", "recommendations:read,profiles:read"], output, TextWriter.Null));
        var lines = output.ToString().Split('\n').Select(l => l.Trim()).ToList();
        var key = lines[lines.FindIndex(l => l.StartsWith("API key for client", StringComparison.Ordinal)) + 1];
        var args = lines.Single(l => l.StartsWith("arguments", StringComparison.Ordinal))["arguments".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("\"sha256\":\"" + ApiKey.HashOf(key) + "\"", StringComparison.Ordinal));
        Assert.DoesNotContain(args, a => a.Contains(key, StringComparison.Ordinal));

        var settings = servers.NewScope("keys-create").Settings;
        settings.Remove("Api:Auth:Disabled");
        await using var app = RealtimeApp.Build(args, AppMode.Api, settings);
        await app.StartAsync();
        var engine = SecureEngineFor(app, tls: false);
        using var channel = engine.Channel(key);
        Assert.Equal(StatusCode.NotFound, await RpcCalls.StatusOf(GetProfile, channel));
        Assert.Equal(StatusCode.PermissionDenied, await RpcCalls.StatusOf("/realtime.v1.ChurnService/GetChurnScore", channel));
        await app.StopAsync();
    }

    [Fact]
    public async Task Reflection_needs_a_valid_credential_and_is_off_when_configured_so()
    {
        var key = ApiKey.Create().Key;
        await using (var engine = await SecureEngine.StartAsync(servers.NewScope("reflect"), _certificates, SecureEngine.Keys(("any", key, ApiScopes.ChurnRead))))
        {
            using var none = engine.Channel(null);
            Assert.Equal(StatusCode.Unauthenticated, await ListServicesAsync(none));
            using var withKey = engine.Channel(key);
            Assert.Equal(StatusCode.OK, await ListServicesAsync(withKey));
        }

        var off = SecureEngine.Keys(("any", key, ApiScopes.ChurnRead));
        off["Api:Reflection"] = "false";
        await using var noReflection = await SecureEngine.StartAsync(servers.NewScope("reflect-off"), _certificates, off);
        using var channel = noReflection.Channel(key);
        Assert.Equal(StatusCode.Unimplemented, await ListServicesAsync(channel));
    }

    private static async Task<StatusCode> ListServicesAsync(global::Grpc.Net.Client.GrpcChannel channel)
    {
        try
        {
            using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
            await call.ResponseStream.MoveNext(CancellationToken.None);
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private SecureEngine SecureEngineFor(WebApplication app, bool tls = true) => SecureEngine.Attach(app, tls ? _certificates.Server : null);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public int Count => _lines.Count;

        public string Text => string.Join("\n", _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"{category} scope {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {fields} {exception}");
            }
        }
    }
}
