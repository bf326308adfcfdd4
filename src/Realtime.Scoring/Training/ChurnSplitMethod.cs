namespace Realtime.Scoring.Training;

/// <summary>How examples are divided into train, validation (trainer choice) and holdout (the report).</summary>
public enum ChurnSplitMethod
{
    /// <summary><see cref="Time"/> when there are at least three cutoffs, else <see cref="Customer"/>.</summary>
    Auto,

    /// <summary>Holdout = the last cutoff, validation = the one before, train = the earlier ones: a backtest.</summary>
    Time,

    /// <summary>By a stable hash of the customer id: 60% train, 20% validation, 20% holdout (for a single cutoff).</summary>
    Customer,
}
