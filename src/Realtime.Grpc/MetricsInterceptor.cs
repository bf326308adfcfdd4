using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Realtime.Grpc;

/// <summary>Records every call's duration by method and final status code.</summary>
internal sealed class MetricsInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException ex)
        {
            status = ex.StatusCode;
            throw;
        }
        catch (Exception)
        {
            status = StatusCode.Unknown;
            throw;
        }
        finally
        {
            Record(context.Method, status, started);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RpcException ex)
        {
            status = ex.StatusCode;
            throw;
        }
        catch (Exception)
        {
            status = StatusCode.Unknown;
            throw;
        }
        finally
        {
            Record(context.Method, status, started);
        }
    }

    private static void Record(string method, StatusCode status, long started) =>
        GrpcMetrics.RequestDuration.WithLabels(method, status.ToString()).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
}
