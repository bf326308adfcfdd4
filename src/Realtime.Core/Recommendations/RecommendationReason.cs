namespace Realtime.Core.Recommendations;

/// <summary>Why a product was recommended: the signal that contributed most to its score (DESIGN §5).</summary>
public enum RecommendationReason
{
    BoughtTogether,
    ViewedTogether,
    CategoryAffinity,
    Trending,
    BuyAgain,
}
