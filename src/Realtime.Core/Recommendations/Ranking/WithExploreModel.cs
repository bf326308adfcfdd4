namespace Realtime.Core.Recommendations.Ranking;

/// <summary>A ranker model with a separate explore model for the mixed slate's reserved positions (<see cref="IRankerModel.Explore"/>).</summary>
/// <param name="Main">Orders every candidate; its version and scores are the pair's.</param>
/// <param name="ExploreModel">Orders the explore candidates among themselves.</param>
public sealed record WithExploreModel(IRankerModel Main, IRankerModel ExploreModel) : IRankerModel
{
    public string Version => Main.Version;

    public IRankerModel? Explore => ExploreModel;

    public double Score(ReadOnlySpan<float> features) => Main.Score(features);
}
