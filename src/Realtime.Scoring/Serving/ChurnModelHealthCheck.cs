using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Realtime.Scoring.Serving;

/// <summary>
/// Readiness entry <c>churn_model</c>: Degraded (still HTTP 200: the instance scores, with the previous model or the
/// baseline) while the promoted version is refused, so /readyz never calls a refused promotion healthy.
/// </summary>
public sealed class ChurnModelHealthCheck(ChurnScorer scorer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(scorer.LastRejection is { } rejection
            ? HealthCheckResult.Degraded($"promoted {rejection.Version} refused ({rejection.Reason}); {scorer.ModelVersion} serves")
            : HealthCheckResult.Healthy($"{scorer.ModelVersion} serves"));
}
