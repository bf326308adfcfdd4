using Microsoft.AspNetCore.Http;

namespace Realtime.Grpc.Security;

/// <summary>Trailers-only gRPC responses written by middleware, before any service runs.</summary>
internal static class GrpcResponses
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>HTTP 200 with <c>grpc-status</c> in the headers and no body: what gRPC calls a trailers-only response.</summary>
    public static void WriteStatus(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = message;
    }
}
