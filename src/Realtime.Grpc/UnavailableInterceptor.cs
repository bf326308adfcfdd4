using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Realtime.Core.Ports;

namespace Realtime.Grpc;

/// <summary>
/// The one place where a dependency failure becomes <c>UNAVAILABLE</c> (DESIGN §5): a <see cref="TimeoutException"/>
/// or anything an adapter's <see cref="ITransientFailures"/> classifies as transient (Redis unreachable, too slow or
/// loading; a broker that is down) — the same classifiers ingest retries on. Without it
/// such a call answered <c>UNKNOWN</c> "Exception was thrown by handler." with an error-level stack trace, which
/// tells a caller nothing about whether to retry.
/// </summary>
internal sealed partial class UnavailableInterceptor(IEnumerable<ITransientFailures> failures, ILogger<UnavailableInterceptor> logger) : Interceptor
{
    private readonly ITransientFailures[] _failures = failures.ToArray();

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable(context, ex);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable(context, ex);
        }
    }

    private bool IsUnavailable(Exception ex)
    {
        if (ex is RpcException or OperationCanceledException)
        {
            return false;
        }

        if (ex is TimeoutException)
        {
            return true;
        }

        foreach (var f in _failures)
        {
            if (f.TransientReason(ex) is not null)
            {
                return true;
            }
        }

        return ex is AggregateException { InnerExceptions: [var inner] } && IsUnavailable(inner);
    }

    private RpcException Unavailable(ServerCallContext context, Exception ex)
    {
        LogUnavailable(logger, context.Method, ex.GetType().Name);
        return new RpcException(new Status(StatusCode.Unavailable, "a backing store is unavailable; retry with backoff"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} answered UNAVAILABLE: {Failure}")]
    private static partial void LogUnavailable(ILogger logger, string method, string failure);
}
