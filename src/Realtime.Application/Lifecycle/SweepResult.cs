namespace Realtime.Application.Lifecycle;

/// <summary>What one sweep did.</summary>
/// <param name="Claimed">Due customers claimed.</param>
/// <param name="Published">Segment-change messages published.</param>
/// <param name="MasksWritten">Customers whose stored segments changed.</param>
public readonly record struct SweepResult(int Claimed, int Published, int MasksWritten);
