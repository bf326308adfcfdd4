using System.Diagnostics;
using System.Globalization;
using Realtime.Core;

namespace Realtime.Evaluation;

/// <summary>
/// A progress counter for long work, on stderr: done/total, rate and an estimate of the time left, redrawn in place at
/// most four times a second. Shown when stderr is a terminal or when asked (<c>--progress</c>), so that scripts reading
/// stdout's <c>result</c> lines see the same bytes either way; a disabled meter does nothing.
/// </summary>
public sealed class ProgressMeter : IDisposable
{
    private static readonly TimeSpan s_redraw = TimeSpan.FromMilliseconds(250);
    private readonly TextWriter? _error;
    private readonly string _label;
    private readonly long? _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _drawnAt = -s_redraw; // the first advance draws at once
    private long _done;

    private ProgressMeter(TextWriter? error, string label, long? total)
    {
        _error = error;
        _label = label;
        _total = total;
    }

    /// <summary>A meter that shows nothing.</summary>
    public static ProgressMeter None { get; } = new(null, "", null);

    /// <summary>Whether progress is shown when not asked for: stderr is a terminal.</summary>
    public static bool ShownByDefault => !Console.IsErrorRedirected;

    /// <summary>A meter on <paramref name="error"/> when <paramref name="enabled"/>, else <see cref="None"/>.</summary>
    public static ProgressMeter Start(string label, long? total, bool enabled, TextWriter? error = null) =>
        enabled ? new ProgressMeter(error ?? Console.Error, label, total) : None;

    /// <summary>Counts <paramref name="by"/> more units done (thread-safe).</summary>
    public void Advance(long by = 1)
    {
        if (_error is null)
        {
            return;
        }

        Interlocked.Add(ref _done, by);
        var now = _clock.Elapsed;
        if (now - _drawnAt >= s_redraw)
        {
            _drawnAt = now;
            Draw(now, final: false);
        }
    }

    public void Dispose()
    {
        if (_error is not null)
        {
            Draw(_clock.Elapsed, final: true);
        }
    }

    private void Draw(TimeSpan elapsed, bool final)
    {
        var done = Interlocked.Read(ref _done);
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var c = CultureInfo.InvariantCulture;
        var text = _total is { } total && total > 0
            ? string.Create(c, $"{_label}: {done}/{total} ({100.0 * done / total:F0}%), {rate:F0}/s")
            : string.Create(c, $"{_label}: {done}, {rate:F0}/s");
        text += final
            ? $", done in {DurationText.Format(TimeSpan.FromSeconds(Math.Round(elapsed.TotalSeconds)))}"
            : _total is { } t && rate > 0 && t > done ? $", about {DurationText.Format(TimeSpan.FromSeconds(Math.Ceiling((t - done) / rate)))} left" : "";
        lock (_error!)
        {
            // Redrawn in place: carriage return, the line, and spaces over the tail of a longer previous one.
            _error.Write("\r" + text.PadRight(72));
            if (final)
            {
                _error.WriteLine();
            }

            _error.Flush();
        }
    }
}
