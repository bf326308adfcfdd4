using Grpc.Core;
using Realtime.Application.Lifecycle;
using Realtime.Core.Acquisition;
using Realtime.Core.Audiences;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Ports;
using Realtime.Grpc.V1;

namespace Realtime.Grpc;

/// <summary>
/// <c>realtime.v1.InsightsService</c>: the lifecycle summary and the acquisition report from the counters (one Redis
/// read each, plus the spend ledger for the report), evaluated at now; audience exports stream a scan of the customers.
/// </summary>
public sealed class InsightsGrpcService(
    ILifecycleCounters counters, IMarketingSpendLedger spend, LifecycleEvaluator evaluator, AudienceExporter audiences, AudienceOptions audienceOptions, TimeProvider clock)
    : InsightsService.InsightsServiceBase
{
    public override async Task<V1.LifecycleSummary> GetLifecycleSummary(GetLifecycleSummaryRequest request, ServerCallContext context)
    {
        var all = await counters.ReadAllAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        return InsightsMapper.ToProto(LifecycleInsights.Summarize(all, now, evaluator.Options), now);
    }

    public override async Task<V1.AcquisitionReport> GetAcquisitionReport(GetAcquisitionReportRequest request, ServerCallContext context)
    {
        var countersRead = counters.ReadAllAsync(context.CancellationToken);
        var spendRead = spend.ReadAllAsync(context.CancellationToken);
        var (all, ledger) = (await countersRead, await spendRead);
        var now = clock.GetUtcNow();
        var options = evaluator.Options;
        var maturity = LifecycleInsights.Summarize(all, now, options).Maturity;
        var report = AcquisitionInsights.Build(all, ledger, evaluator.ClvModel, maturity, now, options);
        return AcquisitionMapper.ToProto(report, options.Acquisition.TargetClvToCac, now);
    }

    public override async Task ExportAudience(ExportAudienceRequest request, IServerStreamWriter<V1.AudienceMember> responseStream, ServerCallContext context)
    {
        var definition = Definition(request);
        await foreach (var m in audiences.ExportAsync(definition, clock.GetUtcNow(), context.CancellationToken))
        {
            await responseStream.WriteAsync(AudienceMapper.ToProto(m), context.CancellationToken);
        }
    }

    private AudienceDefinition Definition(ExportAudienceRequest request)
    {
        var hasDefinition = request.Definition.Length > 0;
        var hasName = request.Name.Length > 0;
        if (hasDefinition == hasName)
        {
            GrpcErrors.InvalidArgument("definition: give exactly one of definition and name");
        }

        string expression;
        if (hasName)
        {
            if (!audienceOptions.Definitions.TryGetValue(request.Name, out var named))
            {
                GrpcErrors.InvalidArgument($"name: no audience named '{Core.Events.EventLimits.Quote(request.Name)}' in Audiences:Definitions");
            }

            expression = named;
        }
        else
        {
            expression = request.Definition;
        }

        if (!AudienceDefinition.TryParse(expression, hasName ? "name" : "definition", out var definition, out var error))
        {
            GrpcErrors.InvalidArgument(error!);
        }

        return definition!;
    }
}
