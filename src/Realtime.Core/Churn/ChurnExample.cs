namespace Realtime.Core.Churn;

/// <summary>One training example: a customer's features as of <see cref="Cutoff"/> and whether they churned after it.</summary>
public sealed class ChurnExample
{
    public ChurnExample(string customerId, DateTimeOffset cutoff, float[] features)
    {
        CustomerId = customerId;
        Cutoff = cutoff;
        Features = features;
    }

    public string CustomerId { get; }

    /// <summary>The moment the features describe; only events with <c>occurred_at</c> ≤ cutoff went into them.</summary>
    public DateTimeOffset Cutoff { get; }

    /// <summary>The vector laid out by <see cref="FeatureSchema"/>.</summary>
    public float[] Features { get; }

    /// <summary>True when the customer placed no order in (cutoff, cutoff + horizon].</summary>
    public bool Churned { get; internal set; } = true;
}
