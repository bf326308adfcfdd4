namespace Realtime.Core.State;

/// <summary>Conversions between <see cref="DateTimeOffset"/> and the Unix milliseconds kept in state.</summary>
public static class TimeUnits
{
    public const long MsPerDay = 86_400_000;

    public static long ToMs(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static DateTimeOffset? FromMs(long ms) => ms == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>Days from <paramref name="fromMs"/> to <paramref name="toMs"/> (may be negative).</summary>
    public static double DaysBetween(long fromMs, long toMs) => (toMs - fromMs) / (double)MsPerDay;
}
