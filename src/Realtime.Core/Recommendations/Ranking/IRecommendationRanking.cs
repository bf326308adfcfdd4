using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// The ranking stage of a Recommend call: what to read for a request, and how to order what was read. The default is
/// the hand-tuned blend (<see cref="BlendRanking"/>); a learned ranker replaces it when a model is promoted.
/// </summary>
public interface IRecommendationRanking
{
    /// <summary>Whether <see cref="Plan"/> and <see cref="Rank"/> read the state's purchase history (<see cref="CustomerState.History"/>): the caller then loads it with the state.</summary>
    bool ReadsHistory => false;

    /// <summary>The item-store read for one request.</summary>
    ItemSignalQuery Plan(RecommendationRequest request, CustomerState? state, RecommendationOptions options, long nowMs);

    /// <summary>At most <c>request.Count</c> products, best first, each with its reason.</summary>
    List<Recommendation> Rank(RecommendationRequest request, CustomerState? state, ItemSignalSnapshot snapshot, RecommendationOptions options, long nowMs);
}
