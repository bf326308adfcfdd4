using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Prometheus;
using Realtime.Grpc;
using Realtime.Grpc.Security;
using Realtime.Host.Dashboard;
using Realtime.Host.Offers;
using Realtime.Kafka;
using Realtime.Redis;
using Realtime.Scoring;
using Realtime.Scoring.Ranking;
using Realtime.Testing;

namespace Realtime.Host;

/// <summary>Builds the engine's web application for a mode. Used by the CLI verbs and, unchanged, by the integration tests.</summary>
public static class RealtimeApp
{
    /// <summary>
    /// Default of the host's shutdown timeout (setting <c>ShutdownTimeoutSeconds</c>): how long SIGTERM waits for the
    /// hosted services (ingest drains and commits, the sweeper and refits stop) before the process exits anyway. Under
    /// Kubernetes' default 30 s grace period, so the engine exits on its own before it is SIGKILLed.
    /// </summary>
    public const int DefaultShutdownTimeoutSeconds = 20;

    /// <param name="args">Command-line settings.</param>
    /// <param name="mode">Which parts to run.</param>
    /// <param name="overrides">Settings applied over the configuration (tests).</param>
    /// <param name="clock">The clock for everything time-driven (tests pass a fake one); default the system clock.</param>
    public static WebApplication Build(string[] args, AppMode mode, IDictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        RequireBroker(builder.Configuration);
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        ApiEndpoints.Configure(builder, mode);

        // Explicit rather than the framework's default (30 s in .NET 8+), and the same key the generic host reads.
        var shutdown = TimeSpan.FromSeconds(builder.Configuration.GetValue("ShutdownTimeoutSeconds", DefaultShutdownTimeoutSeconds));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.AddRedis();
        builder.AddKafka();
        // `Kafka:BootstrapServers=embedded` (demo, tests) starts librdkafka's mock cluster from Realtime.Testing.
        builder.Services.AddSingleton<IEmbeddedBrokerFactory, EmbeddedKafkaFactory>();
        builder.AddLifecycle();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["dependency"]);
        builder.AddOffers(mode);
        builder.AddRecommendations(mode);
        builder.AddTriggers(mode);
        // Ingest scores too: segments (at_risk by Lifecycle:ChurnAtRiskThreshold, churn_score on realtime.segments) use
        // the serving model's score wherever they are evaluated, so both modes follow the model registry.
        if (mode.HasFlag(AppMode.Api) || mode.HasFlag(AppMode.Ingest))
        {
            builder.AddChurnScoring();
        }

        if (mode.HasFlag(AppMode.Api))
        {
            builder.AddRecommendationRanking();
            builder.AddGrpcApi();
            builder.AddHttpJsonApi();
            builder.AddDashboard(serving: true);
        }

        if (mode.HasFlag(AppMode.Ingest))
        {
            builder.AddIngestWorker();
            builder.AddSegmentSweeper();
            builder.AddClvModelRefit();
        }

        var app = builder.Build();
        ApiEndpoints.WarnIfInsecure(app);
        if (mode.HasFlag(AppMode.Api))
        {
            app.UseApiSecurity();
            // /metrics needs metrics:read unless Api:Auth:MetricsOpen (or auth is disabled); health stays open.
            var auth = app.Services.GetRequiredService<IOptions<ApiAuthOptions>>().Value;
            app.MapMetrics().RequireScope(ApiScopes.MetricsRead, auth.Disabled || auth.MetricsOpen);
            app.MapGrpcApi();
            app.MapOpenApiDocument();
            app.MapDashboard();
        }
        else
        {
            // An ingest-only worker serves no API and holds no credentials: its /metrics is open (bind it to loopback or a private network).
            app.MapMetrics();
        }

        app.MapHealthChecks("/readyz");
        app.MapGet("/healthz", () => "ok");

        return app;
    }

    /// <summary>
    /// No silent mock in production: without <c>Kafka:BootstrapServers</c> the engine would not know where events
    /// come from, so it refuses to start rather than fall back to the in-process mock broker (that stays available as
    /// the explicit value <c>embedded</c>, which <c>realtime demo</c> uses).
    /// </summary>
    private static void RequireBroker(ConfigurationManager configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{KafkaOptions.SectionName}:{nameof(KafkaOptions.BootstrapServers)}"]))
        {
            throw new MissingSettingException(
                "Kafka:BootstrapServers",
                "Kafka:BootstrapServers is not set: give the brokers (--Kafka:BootstrapServers=host:9092, or the environment variable "
                + $"Kafka__BootstrapServers), or '{KafkaOptions.Embedded}' for an in-process mock broker (development only)");
        }
    }

    /// <summary>The gRPC endpoint a started app listens on (http://host:port).</summary>
    public static Uri GrpcAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>All addresses a started app listens on.</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.ToList();
}
