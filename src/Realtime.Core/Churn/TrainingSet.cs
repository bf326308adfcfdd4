namespace Realtime.Core.Churn;

/// <summary>Labelled churn examples built from a history, with the facts a model's metadata records about them.</summary>
public sealed class TrainingSet
{
    public required IReadOnlyList<ChurnExample> Examples { get; init; }

    /// <summary>First event time in the history (null for an empty history).</summary>
    public DateTimeOffset? DataStart { get; init; }

    /// <summary>The end of the observed history used for labels.</summary>
    public DateTimeOffset? DataEnd { get; init; }

    /// <summary>Cutoffs that produced labelled examples, ascending.</summary>
    public required IReadOnlyList<DateTimeOffset> Cutoffs { get; init; }

    public TimeSpan Horizon { get; init; }

    public long EventCount { get; init; }

    public int CustomerCount { get; init; }

    /// <summary>Examples dropped because their label window ran past <see cref="DataEnd"/>.</summary>
    public int UnlabeledDropped { get; init; }

    /// <summary>Share of examples labelled churned (0 when empty).</summary>
    public double ChurnRate => Examples.Count == 0 ? 0 : Examples.Count(e => e.Churned) / (double)Examples.Count;

    /// <summary>The examples taken at one cutoff.</summary>
    public IReadOnlyList<ChurnExample> At(DateTimeOffset cutoff) => Examples.Where(e => e.Cutoff == cutoff).ToList();
}
