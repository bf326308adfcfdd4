using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi.Models;

namespace Realtime.Grpc;

/// <summary>
/// HTTP/JSON for every RPC (gRPC JSON transcoding of the <c>google.api.http</c> routes in <c>proto/realtime/v1</c>) and
/// the OpenAPI document describing them. A transcoded call is the same endpoint model as its gRPC method: the same
/// <see cref="Security.ApiScopes"/> scope, rate limits, interceptors and service code, so it answers the same JSON
/// the gRPC response would print as (proto3 JSON names) and the same errors, as HTTP statuses.
/// </summary>
public static class HttpJsonExtensions
{
    /// <summary>Where the OpenAPI document is served.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Call after <see cref="GrpcExtensions.AddGrpcApi"/>: that replaces the gRPC method providers, this adds the transcoding one.</summary>
    public static IHostApplicationBuilder AddHttpJsonApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc().AddJsonTranscoding(o =>
        {
            // 64-bit integers as strings, as the proto3 JSON mapping (and grpcurl) prints them: a JavaScript client
            // loses no precision. Default values are written, so a client never has to know a field's default.
            o.JsonSettings.WriteInt64sAsStrings = true;
        });
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Realtime API (HTTP/JSON)",
                Version = "v1",
                Description = "Every gRPC method of realtime.v1 as HTTP/JSON. Authenticate with `authorization: Bearer <API key or JWT>`; " +
                    "each route needs its method's scope (README, Authentication and scopes).",
            });
            var contracts = Path.Combine(AppContext.BaseDirectory, "Realtime.Contracts.xml");
            if (File.Exists(contracts))
            {
                o.IncludeXmlComments(contracts);
                o.IncludeGrpcXmlComments(contracts, includeControllerXmlComments: true);
            }
        });
        // AddGrpc() above and inside AddGrpcSwagger() registers grpc-dotnet's default method provider again, which
        // AddGrpcApi replaced with ValidatingServiceMethodProvider: keep it out, or every gRPC method is bound twice.
        var defaults = builder.Services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType?.Assembly == typeof(IGrpcServerBuilder).Assembly).ToList();
        defaults.ForEach(d => builder.Services.Remove(d));
        return builder;
    }

    /// <summary>
    /// Serves the OpenAPI document at <see cref="OpenApiPath"/>, open to everyone: it describes the contract that
    /// <c>proto/</c> already publishes, carries no customer data, and lets a user generate a client before holding a key.
    /// </summary>
    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapSwagger("/openapi/{documentName}.json");
        return app;
    }
}
