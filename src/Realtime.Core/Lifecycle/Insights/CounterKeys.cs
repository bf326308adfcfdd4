using System.Globalization;
using System.Text;
using Realtime.Core.Lifecycle.Rfm;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// Names of the lifecycle counters: plain strings, one flat hash. Cardinality stays bounded: dated keys are per UTC day
/// or ISO week and expire after <see cref="LifecycleOptions.CounterRetentionDays"/>; RFM buckets are fixed; channel names
/// are normalised (the set of channels is the store's own, a handful in practice).
/// </summary>
public static class CounterKeys
{
    public const string Customers = "customers";
    public const string Buyers = "buyers";
    public const string UnknownChannel = "unknown";
    private const int MaxChannelLength = 32;

    /// <summary>Members of a segment: <c>seg:hero</c>.</summary>
    public static string Segment(Segment segment) => "seg:" + segment.ToWire();

    /// <summary>Orders placed on a day: <c>orders:2026-11-23</c>.</summary>
    public static string Orders(string day) => "orders:" + day;

    /// <summary>Net revenue of first orders on a day: <c>rev:first:2026-11-23</c>.</summary>
    public static string FirstOrderRevenue(string day) => "rev:first:" + day;

    /// <summary>Net revenue of repeat orders on a day: <c>rev:returning:2026-11-23</c>.</summary>
    public static string ReturningRevenue(string day) => "rev:returning:" + day;

    /// <summary>Customers whose first order fell in an ISO week: <c>cust:new:2026-W48</c>.</summary>
    public static string NewCustomers(string week) => "cust:new:" + week;

    /// <summary>Distinct repeat buyers in an ISO week: <c>cust:returning:2026-W48</c>.</summary>
    public static string ReturningCustomers(string week) => "cust:returning:" + week;

    /// <summary>A channel measure: <c>chan:email:cac</c> (also <c>customers</c>, <c>revenue</c>, <c>clv</c>).</summary>
    public static string ChannelMeasure(string channel, string measure) => $"chan:{channel}:{measure}";

    public static string RfmRecency(int day) => RfmHistograms.RecencyPrefix + day.ToString(CultureInfo.InvariantCulture);

    public static string RfmFrequency(int bucket) => RfmHistograms.FrequencyPrefix + bucket.ToString(CultureInfo.InvariantCulture);

    public static string RfmMonetary(int bucket) => RfmHistograms.MonetaryPrefix + bucket.ToString(CultureInfo.InvariantCulture);

    /// <summary>The UTC day label, <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The ISO week label of the UTC day, <c>yyyy-Www</c>.</summary>
    public static string Week(DateTimeOffset at)
    {
        var d = at.UtcDateTime;
        return FormattableString.Invariant($"{ISOWeek.GetYear(d)}-W{ISOWeek.GetWeekOfYear(d):00}");
    }

    /// <summary>A channel name safe inside a key: lower case, [a-z0-9_-] only, at most 32 characters; <c>unknown</c> when empty.</summary>
    public static string Channel(string? channel)
    {
        if (string.IsNullOrWhiteSpace(channel))
        {
            return UnknownChannel;
        }

        if (IsNormalised(channel))
        {
            return channel; // the common case (a channel read back from a state): no copy per call
        }

        var sb = new StringBuilder(Math.Min(channel.Length, MaxChannelLength));
        foreach (var c in channel.Trim().ToLowerInvariant())
        {
            if (sb.Length == MaxChannelLength)
            {
                break;
            }

            sb.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' ? c : '_');
        }

        return sb.ToString();
    }

    private static bool IsNormalised(string channel)
    {
        if (channel.Length > MaxChannelLength)
        {
            return false;
        }

        foreach (var c in channel)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The first instant covered by a dated key (day or ISO week, by its last segment), or null for undated keys
    /// (segment sizes, channels, RFM histograms).
    /// </summary>
    public static DateTimeOffset? DateOf(string key)
    {
        if (key.StartsWith("rfm:", StringComparison.Ordinal))
        {
            return null;
        }

        var label = key[(key.LastIndexOf(':') + 1)..];
        if (DateTime.TryParseExact(label, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            return new DateTimeOffset(day, TimeSpan.Zero);
        }

        if (label.Length == 8 && label[4] == '-' && label[5] == 'W'
            && int.TryParse(label.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(label.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            && week is >= 1 and <= 53 && week <= ISOWeek.GetWeeksInYear(year))
        {
            return new DateTimeOffset(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday), TimeSpan.Zero);
        }

        return null;
    }

    /// <summary>True for a dated key older than the retention: the adapter deletes these (HDEL) in a periodic sweep.</summary>
    public static bool IsExpired(string key, DateTimeOffset now, int retentionDays) =>
        DateOf(key) is { } date && date < now.AddDays(-retentionDays);
}
