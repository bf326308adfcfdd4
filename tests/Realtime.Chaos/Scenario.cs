namespace Realtime.Chaos;

/// <summary>
/// A fault script: how many workers start, whether the poison records are mixed in, and the faults themselves.
/// <see cref="Fault"/> returns the Stopwatch timestamp at which the fault ended (restart, resume); recovery is timed
/// from the later of that and the last record's acknowledgement. <see cref="CompareAggregates"/>: item statistics and
/// lifecycle counters must also equal those of a fault-free reference run of the same valid stream.
/// <see cref="MinProduceSeconds"/> stretches the stream over a long fault so that events flow throughout it.
/// <see cref="Crashes"/>: the fault kills a worker or Redis without warning, where lifecycle counters are documented as
/// at-most-once per crash (docs/reliability.md), so their drift from the stored segment masks is reported, not failed.
/// </summary>
internal sealed record Scenario(string Name, string Description, int Workers, bool Poison, Func<FaultContext, Task<long>> Fault, bool CompareAggregates = false, double MinProduceSeconds = 0, bool Crashes = false)
{
    /// <summary>Scenario name as used in result lines: <c>kill-worker</c> → <c>chaos_kill_worker</c>.</summary>
    public string ResultName => "chaos_" + Name.Replace('-', '_');
}
