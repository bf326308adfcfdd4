using System.Diagnostics;
using System.Globalization;

namespace Realtime.Scoring.Training;

/// <summary>
/// Console progress for long runs: numbered stages with their duration, and percentages at every 10% within a stage,
/// one line per report on <c>output</c> so it reads well in CI logs. When a <c>terminal</c> writer is given (the CLI
/// passes stderr when it is a terminal), a live counter with a rate and an estimate of the time left is redrawn on one
/// line there as well (<c>\r</c>), at most every 200 ms, and erased when the stage ends. Null writers make it silent.
/// </summary>
public sealed class TrainingProgress(TextWriter? output, int stages, TextWriter? terminal = null) : IProgress<double>
{
    private static readonly TimeSpan s_redrawEvery = TimeSpan.FromMilliseconds(200);
    private readonly Stopwatch _clock = new();
    private TimeSpan _lastDrawn;
    private int _stage;
    private int _lastTenth = -1;
    private long _total;
    private string _unit = "items";
    private int _drawnWidth;

    /// <summary>Starts the next stage.</summary>
    public void Stage(string name)
    {
        _stage++;
        _lastTenth = -1;
        _total = 0;
        _clock.Restart();
        _lastDrawn = TimeSpan.Zero;
        output?.WriteLine($"[{_stage}/{stages}] {name}");
    }

    /// <summary>Names what <see cref="Report"/>'s share counts, so the terminal counter can show "n / total unit".</summary>
    public void CountOf(long total, string unit)
    {
        _total = total;
        _unit = unit;
    }

    /// <summary>Ends the current stage with a one-line summary.</summary>
    public void Done(string summary)
    {
        Erase();
        output?.WriteLine($"      {summary} ({_clock.Elapsed.TotalSeconds:0.0} s)");
    }

    /// <summary>An extra line within the current stage (e.g. how many rows were skipped).</summary>
    public void Note(string text)
    {
        Erase();
        output?.WriteLine($"      {text}");
    }

    /// <summary>Reports the current stage's share done (0–1); prints at each new 10%.</summary>
    public void Report(double value)
    {
        value = Math.Clamp(value, 0, 1);
        var tenth = (int)(value * 10);
        if (tenth > _lastTenth)
        {
            _lastTenth = tenth;
            Erase(); // stdout and stderr often share the terminal: a report line must not land after a half-drawn counter
            output?.WriteLine($"      {tenth * 10,3}%");
        }

        if (_total > 0)
        {
            Draw((long)(value * _total), _total);
        }
    }

    /// <summary>Passes <paramref name="items"/> through, counting them on the terminal (no total: count and rate only).</summary>
    public IEnumerable<T> Counted<T>(IEnumerable<T> items, string unit)
    {
        _unit = unit;
        long count = 0;
        foreach (var item in items)
        {
            if (++count % 1024 == 0)
            {
                Draw(count, total: 0);
            }

            yield return item;
        }
    }

    /// <summary>The counter line: <c>1,234 / 5,678 events  41,000/s  ~0:03 left</c> (no total: no estimate).</summary>
    public static string CounterLine(long done, long total, string unit, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var line = total > 0 ? string.Format(inv, "      {0:N0} / {1:N0} {2}  {3:N0}/s", done, total, unit, rate) : string.Format(inv, "      {0:N0} {1}  {2:N0}/s", done, unit, rate);
        if (total > 0 && rate > 0 && done < total)
        {
            var left = TimeSpan.FromSeconds((total - done) / rate);
            line += string.Format(inv, "  ~{0}:{1:00} left", (int)left.TotalMinutes, left.Seconds);
        }

        return line;
    }

    private void Draw(long done, long total)
    {
        var elapsed = _clock.Elapsed;
        if (terminal is null || (elapsed - _lastDrawn < s_redrawEvery && done < total))
        {
            return;
        }

        _lastDrawn = elapsed;
        var line = CounterLine(done, total, _unit, elapsed);
        terminal.Write("\r" + line.PadRight(_drawnWidth));
        terminal.Flush();
        _drawnWidth = line.Length;
    }

    private void Erase()
    {
        if (terminal is not null && _drawnWidth > 0)
        {
            terminal.Write("\r" + new string(' ', _drawnWidth) + "\r");
            terminal.Flush();
            _drawnWidth = 0;
        }
    }
}
