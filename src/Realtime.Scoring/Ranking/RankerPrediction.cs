namespace Realtime.Scoring.Ranking;

/// <summary>ML.NET's ranking output.</summary>
internal sealed class RankerPrediction
{
    public float Score { get; set; }
}
