namespace Realtime.Core.Recommendations;

/// <summary>A product under consideration in one request, with its signal values (neighbour similarities already normalised, see NeighbourSimilarities) (mutable scratch for the ranker).</summary>
internal struct Candidate
{
    public string Id;
    public string? Category;
    public bool InStock;
    public bool AlreadyBought;

    public double Bought;
    public double Viewed;
    public double Affinity;
    public double Trending;
    public double BuyAgain;

    public double Score;
    public RecommendationReason Reason;
}
