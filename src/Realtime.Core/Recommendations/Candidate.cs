namespace Realtime.Core.Recommendations;

/// <summary>A product under consideration in one request, with its raw signal values (mutable scratch for the ranker).</summary>
internal struct Candidate
{
    public string Id;
    public string? Category;
    public bool InStock;
    public bool AlreadyBought;

    /// <summary>Neighbour-list masses from the catalog facts (normalisers), and mass^d computed once when first needed (NaN = not yet).</summary>
    public double BoughtMass;
    public double ViewedMass;
    public double BoughtNorm;
    public double ViewedNorm;

    public double Bought;
    public double Viewed;
    public double Affinity;
    public double Trending;
    public double BuyAgain;

    public double Score;
    public RecommendationReason Reason;
}
