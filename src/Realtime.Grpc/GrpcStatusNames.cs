using Grpc.Core;

namespace Realtime.Grpc;

/// <summary>The canonical names of gRPC status codes (<c>OK</c>, <c>INVALID_ARGUMENT</c>, ...), as metric labels.</summary>
internal static class GrpcStatusNames
{
    private static readonly string[] s_names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    public static string Of(StatusCode code) => (int)code is >= 0 and < 17 ? s_names[(int)code] : "UNKNOWN";

    /// <summary>The name for a <c>grpc-status</c> header value; <c>UNKNOWN</c> for anything that is not a code.</summary>
    public static string Of(string? header) =>
        int.TryParse(header, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? Of((StatusCode)code) : "UNKNOWN";
}
