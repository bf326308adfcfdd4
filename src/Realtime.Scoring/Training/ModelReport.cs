namespace Realtime.Scoring.Training;

/// <summary><c>report.json</c>: a model's holdout metrics next to the baselines', and its most used features.</summary>
public sealed record ModelReport
{
    public string Version { get; init; } = "";

    /// <summary>What was evaluated: the holdout of the training run, or another data set.</summary>
    public string EvaluatedOn { get; init; } = "";

    public IReadOnlyList<DateTimeOffset> Cutoffs { get; init; } = [];

    public double HorizonDays { get; init; }

    public BinaryMetrics Model { get; init; } = new();

    /// <summary>
    /// <c>recency</c> (logistic on days since the last order), <c>rule</c> (the no-model serving fallback) and
    /// <c>bgnbd</c> (BG/NBD's P(no purchase in the horizon), when its fit succeeded).
    /// </summary>
    public IReadOnlyDictionary<string, BinaryMetrics> Baselines { get; init; } = new Dictionary<string, BinaryMetrics>();

    /// <summary>The model's ROC AUC gain over the baseline with the highest ROC AUC here, with its 95% paired-bootstrap interval.</summary>
    public AucGain? GainOverBestBaseline { get; init; }

    /// <summary>The model's ROC AUC gain over every baseline, each with its 95% paired-bootstrap interval (one set of resamples).</summary>
    public IReadOnlyDictionary<string, AucGain> Gains { get; init; } = new Dictionary<string, AucGain>();

    /// <summary>How the model's scores were calibrated (the reliability table is in <see cref="BinaryMetrics.Reliability"/>).</summary>
    public string Calibration { get; init; } = "";

    /// <summary>Feature names by trees splitting on them, most used first.</summary>
    public IReadOnlyList<string> TopFeatures { get; init; } = [];
}
