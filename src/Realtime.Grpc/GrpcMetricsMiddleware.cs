using System.Diagnostics;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Realtime.Grpc;

/// <summary>
/// Records every gRPC call's duration by method and final status (<c>realtime_grpc_request_duration_seconds</c>),
/// whether it came as gRPC or as HTTP/JSON (a transcoded route is the same endpoint, with the same method metadata; its
/// status is read back from the HTTP status the transcoder chose), so the per-RPC latency alert sees both transports.
/// A middleware, not an interceptor: grpc-dotnet reads and deserializes the request before interceptors run, so calls
/// refused there (unparseable or oversized messages) never reach one. The status is read from what the response
/// carries (<c>grpc-status</c> in the trailers, or in the headers of a trailers-only response). It wraps the whole
/// pipeline (registered as a startup filter) and reads the matched endpoint after the call, so the method label
/// comes from the endpoint's <see cref="GrpcMethodMetadata"/>, never from the request path a caller chose.
/// </summary>
internal sealed class GrpcMetricsMiddleware(RequestDelegate next)
{
    private const string Unimplemented = "unimplemented";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        if (!IsGrpc(context.Request))
        {
            await next(context);
            if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } transcoded)
            {
                GrpcMetrics.RequestDuration.WithLabels(transcoded.Method.FullName, StatusOfHttp(context))
                    .Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            return;
        }

        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName ?? Unimplemented;
            var status = failed ? "UNKNOWN" : StatusOf(context);
            GrpcMetrics.RequestDuration.WithLabels(method, status).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    private static string StatusOf(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is not null && trailers.TryGetValue("grpc-status", out var fromTrailers) && fromTrailers.Count > 0)
        {
            return GrpcStatusNames.Of(fromTrailers[0]);
        }

        if (context.Response.Headers.TryGetValue("grpc-status", out var fromHeaders) && fromHeaders.Count > 0)
        {
            return GrpcStatusNames.Of(fromHeaders[0]);
        }

        return context.RequestAborted.IsCancellationRequested ? "CANCELLED" : "UNKNOWN";
    }

    // The transcoder maps each gRPC status to one HTTP status (google.rpc's table); this reads it back. Statuses sharing
    // an HTTP code fold into the most common one (400 → INVALID_ARGUMENT, also for FAILED_PRECONDITION/OUT_OF_RANGE).
    private static string StatusOfHttp(HttpContext context) => context.Response.StatusCode switch
    {
        >= 200 and < 300 => "OK",
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ when context.RequestAborted.IsCancellationRequested => "CANCELLED",
        >= 500 => "INTERNAL",
        _ => "UNKNOWN",
    };

    /// <summary>Puts the middleware in front of the whole pipeline.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<GrpcMetricsMiddleware>();
            next(app);
        };
    }
}
