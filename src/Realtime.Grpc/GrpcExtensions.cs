using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
        // Health reflects the application's registered health checks (the host adds Redis).
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        return builder;
    }

    public static IEndpointRouteBuilder MapGrpcApi(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<CustomerGrpcService>();
        app.MapGrpcService<RecommendationGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
