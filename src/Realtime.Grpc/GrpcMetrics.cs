using Prometheus;

namespace Realtime.Grpc;

/// <summary>gRPC API metrics.</summary>
internal static class GrpcMetrics
{
    public static readonly Histogram RequestDuration = Prometheus.Metrics.CreateHistogram(
        "realtime_grpc_request_duration_seconds",
        "Server-side duration of gRPC calls, by method and status code.",
        new HistogramConfiguration
        {
            LabelNames = ["method", "status"],
            Buckets = Histogram.ExponentialBuckets(0.00005, 2, 18),
        });
}
