using System.ComponentModel.DataAnnotations;

namespace Realtime.Scoring.Ranking;

/// <summary>Where the API finds the learned ranker (section <c>Recommendations:Ranker</c>).</summary>
public sealed class RankerServingOptions
{
    public const string SectionName = "Recommendations:Ranker";

    /// <summary>The models root (the ranker's versions are in its <c>ranker</c> folder); default <c>models</c>, as <c>Churn:ModelsRoot</c>.</summary>
    [Required]
    public string ModelsRoot { get; set; } = "models";

    /// <summary>How often the <c>current</c> pointer is polled for a promotion or rollback, in seconds; default 10.</summary>
    [Range(0.1, 3600)]
    public double PollSeconds { get; set; } = 10;

    /// <summary>
    /// Of the first 10 products the learned ranker returns, at least this many are products the customer never bought
    /// (the best explore candidates by the model) while there are any; 0 = the model's order alone. Default 2: the
    /// choice `eval recs` makes on Online Retail's validation window (trade-off table in docs/recommendations.md).
    /// </summary>
    [Range(0, 10)]
    public int ExplorePositions { get; set; } = 2;
}
