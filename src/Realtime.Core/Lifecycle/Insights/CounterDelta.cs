namespace Realtime.Core.Lifecycle.Insights;

/// <summary>One increment to a lifecycle counter (apply with HINCRBYFLOAT; all of a batch in one round trip).</summary>
public readonly record struct CounterDelta(string Key, double Increment);
