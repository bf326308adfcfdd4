namespace Realtime.Core.Lifecycle.Rfm;

/// <summary>Recency, frequency and monetary scores, each 1 (lowest fifth of the population) to 5 (top fifth).</summary>
public readonly record struct RfmScores(int Recency, int Frequency, int Monetary)
{
    /// <summary>The classic three-digit code, e.g. "545".</summary>
    public string Code => $"{Recency}{Frequency}{Monetary}";
}
