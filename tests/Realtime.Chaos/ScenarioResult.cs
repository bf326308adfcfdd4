using System.Globalization;

namespace Realtime.Chaos;

/// <summary>What one scenario measured, and why it failed if it did.</summary>
internal sealed class ScenarioResult(Scenario scenario)
{
    public Scenario Scenario { get; } = scenario;

    public long Lost { get; set; }

    public long Duplicated { get; set; }

    /// <summary>Seconds from the end of the fault (and of the stream) until lag was 0 and every state matched; null if never.</summary>
    public double? RecoverySeconds { get; set; }

    public int Mismatched { get; set; }

    public int DlqMissing { get; set; }

    public int DlqUnexpected { get; set; }

    public int DlqRepeated { get; set; }

    public int? AggregateDiffs { get; set; }

    public int SegmentCounterDiffs { get; set; }

    public List<string> Failures { get; } = [];

    public bool Passed => Failures.Count == 0;

    public void Print(TextWriter output)
    {
        var n = Scenario.ResultName;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {n}_lost {Lost} events"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {n}_duplicated {Duplicated} events"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {n}_recovery_s {(RecoverySeconds is { } r ? r.ToString("F1", CultureInfo.InvariantCulture) : "-1")} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {n}_mismatched {Mismatched} customers"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {n}_dlq_missing {DlqMissing} events"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {n}_dlq_unexpected {DlqUnexpected} events"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {n}_segment_counter_diffs {SegmentCounterDiffs} segments"));
        if (AggregateDiffs is { } d)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {n}_aggregate_diffs {d} entries"));
        }

        output.WriteLine(Passed ? $"chaos {Scenario.Name}: PASS" : $"chaos {Scenario.Name}: FAIL ({string.Join("; ", Failures)})");
        output.Flush();
    }
}
