namespace Realtime.Core.Recommendations.Ranking;

/// <summary>
/// The candidates of one request with their feature vectors (row-major, <see cref="RankerFeatures.Count"/> per
/// candidate), as <see cref="RankerCandidateBuilder"/> fills them. Reusable: <see cref="Clear"/> keeps the buffers.
/// </summary>
public sealed class RankerCandidates
{
    private float[] _features = new float[128 * RankerFeatures.Count];
    private RecommendationReason[] _blendReasons = new RecommendationReason[128];
    private bool[] _explore = new bool[128];

    /// <summary>Product ids, in candidate order.</summary>
    public List<string> Ids { get; } = [];

    /// <summary>Number of candidates.</summary>
    public int Count => Ids.Count;

    /// <summary>The feature vector of candidate <paramref name="index"/>.</summary>
    public Span<float> Features(int index) => _features.AsSpan(index * RankerFeatures.Count, RankerFeatures.Count);

    /// <summary>The hand-tuned blend's reason for candidate <paramref name="index"/> (used when the model says nothing).</summary>
    public RecommendationReason BlendReason(int index) => _blendReasons[index];

    /// <summary>Whether candidate <paramref name="index"/> is one the customer never bought (an explore candidate).</summary>
    public bool IsExplore(int index) => _explore[index];

    /// <summary>Number of explore candidates (<see cref="IsExplore"/>).</summary>
    public int ExploreCount { get; private set; }

    public void Clear()
    {
        Ids.Clear();
        ExploreCount = 0;
    }

    /// <summary>Appends a candidate and returns its (uninitialised) feature vector.</summary>
    internal Span<float> Add(string id, RecommendationReason blendReason, bool explore)
    {
        var index = Ids.Count;
        if ((index + 1) * RankerFeatures.Count > _features.Length)
        {
            Array.Resize(ref _features, _features.Length * 2);
            Array.Resize(ref _blendReasons, _blendReasons.Length * 2);
            Array.Resize(ref _explore, _explore.Length * 2);
        }

        Ids.Add(id);
        _blendReasons[index] = blendReason;
        _explore[index] = explore;
        ExploreCount += explore ? 1 : 0;
        return Features(index);
    }
}
