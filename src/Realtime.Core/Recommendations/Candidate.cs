namespace Realtime.Core.Recommendations;

/// <summary>A product under consideration in one request, with its signal values (neighbour similarities already normalised, see NeighbourSimilarities) (mutable scratch for the ranker). Its catalog facts (stock, category) are read from the snapshot only where a candidate is judged, a few dozen per call, not for each of the ~500 gathered.</summary>
internal struct Candidate
{
    public string Id;
    public bool AlreadyBought;

    public double Bought;
    public double Viewed;
    public double Affinity;
    public double Trending;
    public double BuyAgain;

    public double Score;
    public RecommendationReason Reason;
}
