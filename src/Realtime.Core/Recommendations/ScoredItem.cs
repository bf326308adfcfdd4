namespace Realtime.Core.Recommendations;

/// <summary>A product and a score (a decayed co-occurrence weight or popularity, as of the query time).</summary>
public readonly record struct ScoredItem(string ProductId, double Score);
