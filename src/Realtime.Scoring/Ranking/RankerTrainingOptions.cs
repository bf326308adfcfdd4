namespace Realtime.Scoring.Ranking;

/// <summary>LightGBM LambdaRank settings of the learned ranker (recorded in the version's manifest).</summary>
public sealed record RankerTrainingOptions
{
    /// <summary>Most boosting rounds; early stopping on the validation queries usually ends sooner.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Rounds without a validation NDCG gain before stopping.</summary>
    public int EarlyStoppingRounds { get; init; } = 50;

    public int NumberOfLeaves { get; init; } = 31;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>
    /// Rows a leaf needs. 200: chosen on Online Retail's validation window from leaves {15, 31, 63} × rows {20, 50, 200}
    /// by the validation NDCG@10 of the model early-stopped there (0.3593 against 0.3551–0.3571; docs/recommendations.md).
    /// </summary>
    public int MinimumExamplesPerLeaf { get; init; } = 200;

    public int Seed { get; init; } = 1;

    /// <summary>
    /// The label of a bought candidate the customer had never bought before (a repeat one is 1): LambdaRank's gain is
    /// 2^label − 1, so 2 weighs an explore hit three times a repeat hit. 1 = binary relevance. Default 2: on Online
    /// Retail it lifts the model's explore HR@10 from 0.037 to 0.131 for −0.0004 HR@10 (docs/recommendations.md).
    /// </summary>
    public int ExploreLabel { get; init; } = 2;
}
