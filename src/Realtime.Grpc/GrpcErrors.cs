using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using Realtime.Core.Events;

namespace Realtime.Grpc;

/// <summary>Throw helpers for the status codes the API uses (DESIGN §5).</summary>
internal static class GrpcErrors
{
    [DoesNotReturn]
    public static void InvalidArgument(string message) => throw new RpcException(new Status(StatusCode.InvalidArgument, message));

    [DoesNotReturn]
    public static void NotFound(string message) => throw new RpcException(new Status(StatusCode.NotFound, message));

    /// <summary>Checks a customer id from a request; <c>InvalidArgument</c> naming the field when malformed.</summary>
    public static string ValidCustomerId(string? id, string field = "customer_id")
    {
        if (CustomerIds.Problem(id, field) is { } problem)
        {
            InvalidArgument(problem);
        }

        return id!;
    }
}
