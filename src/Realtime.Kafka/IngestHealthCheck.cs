using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Realtime.Kafka;

/// <summary>
/// Unhealthy while ingest is stalled: no progress for <see cref="IngestOptions.StallAfter"/> with events waiting
/// (readiness and gRPC health then say NOT_SERVING, so an operator's probe sees what the lag gauge sees).
/// </summary>
public sealed class IngestHealthCheck(IngestStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.IsStalled
            ? HealthCheckResult.Unhealthy($"ingest stalled with {status.Lag} events waiting")
            : HealthCheckResult.Healthy($"ingest lag {status.Lag} events"));
}
