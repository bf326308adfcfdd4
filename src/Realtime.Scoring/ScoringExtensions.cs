using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Core.Ports;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring;

/// <summary>Registers churn scoring: the promoted model from the registry, followed without restarts.</summary>
public static class ScoringExtensions
{
    public static IHostApplicationBuilder AddChurnScoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChurnScorerOptions>().BindConfiguration(ChurnScorerOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ChurnScorerOptions>, ChurnScorerOptionsValidator>();
        builder.Services.AddSingleton(sp =>
        {
            var scorer = new ChurnScorer(
                sp.GetRequiredService<IOptions<ChurnScorerOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ChurnScorer>>());
            scorer.Start();
            return scorer;
        });
        builder.Services.AddSingleton<IChurnModel, ChurnModelAdapter>();
        builder.Services.AddHealthChecks().AddCheck<ChurnModelHealthCheck>("churn_model");
        return builder;
    }
}
