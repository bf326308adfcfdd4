namespace Realtime.Core.Recommendations;

/// <summary>Wire names of <see cref="RecommendationReason"/> (<c>bought_together</c>, ...), as in the gRPC contract.</summary>
public static class RecommendationReasonNames
{
    private static readonly string[] s_names = ["bought_together", "viewed_together", "category_affinity", "trending", "buy_again"];

    /// <summary>The wire name of a reason.</summary>
    public static string ToWireName(this RecommendationReason reason) => s_names[(int)reason];
}
