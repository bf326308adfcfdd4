using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Realtime.Grpc;

/// <summary>Registers and maps the gRPC API, health checking and reflection.</summary>
public static class GrpcExtensions
{
    public static IHostApplicationBuilder AddGrpcApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<MetricsInterceptor>();
            o.EnableDetailedErrors = false;
        });
        // Health reflects the application's registered health checks (the host adds Redis), published to the gRPC
        // health service from the first second and every 5 s after (the defaults, 5 s then 30 s, left callers waiting).
        builder.Services.AddGrpcHealthChecks();
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.Zero;
            o.Period = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton<OfferAdvisor>();
        return builder;
    }

    public static IEndpointRouteBuilder MapGrpcApi(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<CustomerGrpcService>();
        app.MapGrpcService<ChurnGrpcService>();
        app.MapGrpcService<InsightsGrpcService>();
        app.MapGrpcService<OfferGrpcService>();
        app.MapGrpcService<RecommendationGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
