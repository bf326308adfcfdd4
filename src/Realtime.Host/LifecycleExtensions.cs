using Microsoft.Extensions.Options;
using Realtime.Application.Lifecycle;
using Realtime.Core.Audiences;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;

namespace Realtime.Host;

/// <summary>Wires the lifecycle core (segments, counters, CLV) to the adapters' ports.</summary>
public static class LifecycleExtensions
{
    /// <summary>
    /// Options (section <c>Lifecycle</c>, validated at start), the one segment evaluator (with the serving churn model's
    /// score when churn scoring is registered) and the ingest writer.
    /// </summary>
    public static IHostApplicationBuilder AddLifecycle(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LifecycleOptions>().BindConfiguration(LifecycleOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LifecycleOptions>, LifecycleOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<LifecycleOptions>, LifecycleSectionsValidator>();
        builder.Services.AddSingleton(sp => new LifecycleEvaluator(
            sp.GetRequiredService<IOptions<LifecycleOptions>>().Value, sp.GetRequiredService<ILifecycleCounters>(), sp.GetService<IClvModelSource>(),
            sp.GetService<IChurnScoreSource>()));
        builder.Services.AddSingleton<ClvModelFitter>();
        builder.Services.AddSingleton<IErasureAudit, ErasureAuditLog>();
        builder.Services.AddSingleton<CustomerEraser>();
        builder.Services.AddSingleton<LifecycleBatchWriter>();
        builder.Services.AddSingleton<SegmentSweeper>();
        builder.Services.AddSingleton<IBatchEffect, MarketingSpendEffect>();
        builder.Services.AddOptions<AudienceOptions>().BindConfiguration(AudienceOptions.SectionName)
            .ValidateDataAnnotations().Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AudienceOptions>>().Value);
        builder.Services.AddSingleton<AudienceExporter>();
        return builder;
    }

    /// <summary>The sweeper for time-driven segment changes, as a hosted service (run it wherever ingest runs).</summary>
    public static IHostApplicationBuilder AddSegmentSweeper(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<SegmentSweepService>();
        builder.Services.AddHostedService<CounterRetentionService>(); // the counters' retention goes with their sweep
        builder.Services.AddSingleton<AudienceRefresher>();
        builder.Services.AddHostedService<AudienceRefreshService>(); // named audiences' joined/left, like segment changes
        return builder;
    }

    /// <summary>The periodic CLV model refit, as a hosted service (run it wherever ingest runs; a lease keeps it to one instance).</summary>
    public static IHostApplicationBuilder AddClvModelRefit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ClvFitService>();
        return builder;
    }
}
