using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Realtime.Application.Offers;
using Realtime.Core.Offers;
using Realtime.Grpc.Security;

namespace Realtime.Grpc;

/// <summary>Registers and maps the gRPC API, health checking and reflection.</summary>
public static class GrpcExtensions
{
    /// <summary>Largest gRPC message received or sent: 4 MB.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    public static IHostApplicationBuilder AddGrpcApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<UnavailableInterceptor>();
            o.EnableDetailedErrors = false;
            // Explicit limits (grpc-dotnet's default receive limit is the same 4 MB, send is unlimited): the largest
            // request (BatchGetChurnScores with 1,000 ids of 64 characters) is ~70 KB, and no reply comes near 4 MB.
            // A larger message is refused with RESOURCE_EXHAUSTED before it is buffered.
            o.MaxReceiveMessageSize = MaxMessageBytes;
            o.MaxSendMessageSize = MaxMessageBytes;
        });
        // Every call is timed, including those refused before any interceptor runs.
        builder.Services.AddSingleton<IStartupFilter, GrpcMetricsMiddleware.StartupFilter>();
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
        // Replaced by the trigger log's view when triggers are on (Host's AddTriggers).
        builder.Services.TryAddSingleton<ISharedContactBudgets, NoSharedContactBudgets>();
        builder.AddApiSecurity();
        // Unparseable requests answer INVALID_ARGUMENT (see ValidatingServiceMethodProvider): it replaces the default
        // method provider, which would otherwise bind every method a second time.
        // Last, after everything that registers gRPC services.
        builder.Services.RemoveAll(typeof(IServiceMethodProvider<>));
        builder.Services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ValidatingServiceMethodProvider<>));
        return builder;
    }

    /// <summary>
    /// Maps the services, each method behind its scope (<see cref="ApiScopes"/>); health stays open, reflection needs
    /// any valid credential and is off with <c>Api:Reflection=false</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcApi(this IEndpointRouteBuilder app)
    {
        var disabled = app.ServiceProvider.GetRequiredService<IOptions<ApiAuthOptions>>().Value.Disabled;
        app.MapGrpcService<CustomerGrpcService>().RequireMethodScopes(disabled);
        app.MapGrpcService<ChurnGrpcService>().RequireMethodScopes(disabled);
        app.MapGrpcService<InsightsGrpcService>().RequireMethodScopes(disabled);
        app.MapGrpcService<OfferGrpcService>().RequireMethodScopes(disabled);
        app.MapGrpcService<RecommendationGrpcService>().RequireMethodScopes(disabled);
        app.MapGrpcHealthChecksService();
        if (app.ServiceProvider.GetRequiredService<IOptions<ApiLimitOptions>>().Value.Reflection)
        {
            app.MapGrpcReflectionService().RequireAnyCredential(disabled);
        }

        return app;
    }
}
