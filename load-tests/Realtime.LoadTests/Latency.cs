using HdrHistogram;

namespace Realtime.LoadTests;

/// <summary>A thread-safe HDR histogram of latencies recorded in microseconds, read out in milliseconds.</summary>
internal sealed class Latency
{
    private readonly LongHistogram _histogram = new(TimeSpan.FromMinutes(2).Ticks / 10, 3);
    private readonly Lock _lock = new();

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public void Record(TimeSpan elapsed)
    {
        var micros = Math.Clamp(elapsed.Ticks / 10, 1, _histogram.HighestTrackableValue);
        lock (_lock)
        {
            _histogram.RecordValue(micros);
        }
    }

    /// <summary>The latency at <paramref name="percentile"/> (0–100), in milliseconds.</summary>
    public double Ms(double percentile)
    {
        lock (_lock)
        {
            return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetValueAtPercentile(percentile) / 1000.0;
        }
    }
}
