namespace Realtime.Scoring.Training;

/// <summary>The ML.NET output row read when cross-checking the direct evaluator against ML.NET itself.</summary>
internal sealed class ChurnPrediction
{
    public float Probability { get; set; }

    public float Score { get; set; }
}
