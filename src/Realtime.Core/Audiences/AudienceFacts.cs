using Realtime.Core.Lifecycle;

namespace Realtime.Core.Audiences;

/// <summary>What a membership test reads of a customer, evaluated at one instant.</summary>
public readonly record struct AudienceFacts(SegmentSet Segments, double PredictedClv, string Channel, string? Country);
