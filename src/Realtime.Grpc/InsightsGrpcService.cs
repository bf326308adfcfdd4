using Grpc.Core;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Ports;
using Realtime.Grpc.V1;

namespace Realtime.Grpc;

/// <summary><c>realtime.v1.InsightsService</c>: the lifecycle summary from the counters (one Redis read), evaluated at now.</summary>
public sealed class InsightsGrpcService(ILifecycleCounters counters, LifecycleEvaluator evaluator, TimeProvider clock) : InsightsService.InsightsServiceBase
{
    public override async Task<V1.LifecycleSummary> GetLifecycleSummary(GetLifecycleSummaryRequest request, ServerCallContext context)
    {
        var all = await counters.ReadAllAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        return InsightsMapper.ToProto(LifecycleInsights.Summarize(all, now, evaluator.Options), now);
    }
}
