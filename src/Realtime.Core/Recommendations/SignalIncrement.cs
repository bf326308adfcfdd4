namespace Realtime.Core.Recommendations;

/// <summary>
/// One additive change to the item statistics, as produced by <see cref="ItemSignalUpdate"/>. Increments commute,
/// so an adapter may apply a batch in any order (Redis: pipelined <c>ZINCRBY</c> / <c>HINCRBYFLOAT</c>).
/// <see cref="Weight"/> is the raw weight at <see cref="AtMs"/>; <see cref="DecayScale.ToStored(SignalIncrement, ItemSignalOptions)"/> turns it into the
/// value to add to the stored, epoch-scaled score.
/// </summary>
/// <param name="Kind">Which statistic.</param>
/// <param name="Subject">Owner of the list or counter: an item id, a category, or empty for global popularity.</param>
/// <param name="Item">The product whose score changes.</param>
/// <param name="Weight">Raw weight (negative for returns).</param>
/// <param name="AtMs">Event time, Unix milliseconds.</param>
public readonly record struct SignalIncrement(SignalKind Kind, string Subject, string Item, double Weight, long AtMs);
