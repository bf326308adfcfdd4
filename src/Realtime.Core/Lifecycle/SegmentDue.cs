namespace Realtime.Core.Lifecycle;

/// <summary>When time alone next changes a customer's segments; null = nothing pending (remove from the due index).</summary>
public readonly record struct SegmentDue(string CustomerId, DateTimeOffset? At);
