namespace Realtime.Scoring.Training;

/// <summary>One tenth of the examples by score (1 = lowest): mean predicted churn against the observed churn rate.</summary>
public sealed record ReliabilityDecile(int Decile, int Count, double MeanPredicted, double ObservedRate)
{
    /// <summary>|predicted − observed|.</summary>
    public double Gap => Math.Abs(MeanPredicted - ObservedRate);
}
