using Realtime.Core.State;

namespace Realtime.Core.Recommendations.Ranking;

/// <summary>The learned ranker's read: the planner's, plus the facts of every product in the customer's purchase profile.</summary>
public static class RankerPlan
{
    public static ItemSignalQuery Plan(RecommendationRequest request, CustomerState? state, PurchaseProfile profile, RecommendationOptions options, long nowMs)
    {
        var query = RecommendationPlanner.Plan(request, state, options, nowMs);
        if (profile.Items.Count == 0)
        {
            return query;
        }

        var known = new HashSet<string>(query.FactsFor, StringComparer.Ordinal);
        foreach (var id in profile.Items.Keys)
        {
            if (known.Add(id))
            {
                query.FactsFor.Add(id);
            }
        }

        return query;
    }
}
