using System.Diagnostics;

namespace Realtime.Scoring.Training;

/// <summary>
/// Console progress for long runs: numbered stages with their duration, and percentages at every 10% within a stage.
/// One line per report so it reads well in a terminal and in CI logs alike. A null writer makes it silent.
/// </summary>
public sealed class TrainingProgress(TextWriter? output, int stages) : IProgress<double>
{
    private readonly Stopwatch _clock = new();
    private int _stage;
    private int _lastTenth = -1;

    /// <summary>Starts the next stage.</summary>
    public void Stage(string name)
    {
        _stage++;
        _lastTenth = -1;
        _clock.Restart();
        output?.WriteLine($"[{_stage}/{stages}] {name}");
    }

    /// <summary>Ends the current stage with a one-line summary.</summary>
    public void Done(string summary) => output?.WriteLine($"      {summary} ({_clock.Elapsed.TotalSeconds:0.0} s)");

    /// <summary>Reports the current stage's share done (0–1); prints at each new 10%.</summary>
    public void Report(double value)
    {
        var tenth = (int)(Math.Clamp(value, 0, 1) * 10);
        if (tenth > _lastTenth)
        {
            _lastTenth = tenth;
            output?.WriteLine($"      {tenth * 10,3}%");
        }
    }
}
