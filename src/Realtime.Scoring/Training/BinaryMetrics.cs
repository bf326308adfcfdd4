namespace Realtime.Scoring.Training;

/// <summary>How well scores rank and estimate churn on a labelled set. Computed by <see cref="ChurnMetrics"/>.</summary>
public sealed record BinaryMetrics
{
    public int Count { get; init; }

    /// <summary>Share of positives (churners).</summary>
    public double BaseRate { get; init; }

    /// <summary>Area under the ROC curve (ties count half).</summary>
    public double RocAuc { get; init; }

    /// <summary>Area under the precision-recall curve, as average precision.</summary>
    public double PrAuc { get; init; }

    /// <summary>Mean negative log-likelihood (natural log), probabilities clipped to [1e-7, 1 − 1e-7].</summary>
    public double LogLoss { get; init; }

    /// <summary>Mean squared error of the probability.</summary>
    public double Brier { get; init; }

    /// <summary>Churn rate among the top 10% scores ÷ the base rate.</summary>
    public double TopDecileLift { get; init; }

    /// <summary>Share of all churners found in the top 10% scores.</summary>
    public double TopDecileRecall { get; init; }

    /// <summary>Ten equal-width probability bins: predicted mean against observed rate.</summary>
    public IReadOnlyList<CalibrationBin> Calibration { get; init; } = [];

    /// <summary>The reliability table: ten equal-count deciles by score, predicted mean against observed rate.</summary>
    public IReadOnlyList<ReliabilityDecile> Reliability { get; init; } = [];

    /// <summary>The largest |predicted − observed| over <see cref="Reliability"/>'s deciles.</summary>
    public double CalibrationMaxGap { get; init; }
}
