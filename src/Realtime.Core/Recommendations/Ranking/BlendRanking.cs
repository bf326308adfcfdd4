using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>The hand-tuned blend (<see cref="RecommendationPlanner"/> + <see cref="RecommendationRanker"/>): the default and the learned ranker's fallback.</summary>
public sealed class BlendRanking : IRecommendationRanking
{
    public static BlendRanking Instance { get; } = new();

    public ItemSignalQuery Plan(RecommendationRequest request, CustomerState? state, RecommendationOptions options, long nowMs) =>
        RecommendationPlanner.Plan(request, state, options, nowMs);

    public List<Recommendation> Rank(RecommendationRequest request, CustomerState? state, ItemSignalSnapshot snapshot, RecommendationOptions options, long nowMs) =>
        RecommendationRanker.Rank(request, state, snapshot, options, nowMs);
}
