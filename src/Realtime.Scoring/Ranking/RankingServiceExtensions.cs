using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Scoring.Ranking;

/// <summary>Registers the Recommend path's ranking stage: the promoted learned ranker, the blend as its fallback.</summary>
public static class RankingServiceExtensions
{
    public static IHostApplicationBuilder AddRecommendationRanking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RankerServingOptions>().BindConfiguration(RankerServingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var ranking = new LearnedRecommendationRanking(
                sp.GetRequiredService<IOptions<RankerServingOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LearnedRecommendationRanking>>());
            ranking.Start();
            return ranking;
        });
        builder.Services.AddSingleton<IRecommendationRanking>(sp => sp.GetRequiredService<LearnedRecommendationRanking>());
        return builder;
    }
}
