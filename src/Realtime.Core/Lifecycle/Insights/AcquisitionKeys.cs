using System.Globalization;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// Names of the acquisition counters, in the same hash as the other lifecycle counters. Everything is kept per
/// (channel, campaign) pair, <c>&lt;channel&gt;/&lt;campaign&gt;</c> (both normalised like channels, so neither holds
/// <c>/</c> or <c>:</c>); channel rows are sums of their pairs. Only the registrations per day end in a date label and
/// expire with the dated flows (CAC reads them back only within the retention); the cohort keys end in
/// <c>customers</c> or <c>m&lt;k&gt;</c> and are kept.
/// </summary>
public static class AcquisitionKeys
{
    public const string Prefix = "acq:";
    public const string CohortPrefix = "acq:coh:";

    /// <summary>The campaign name of customers registered without one.</summary>
    public const string NoCampaign = "none";

    /// <summary>Months since acquisition the cohort table follows (0 = the registration's calendar month).</summary>
    public const int CohortMonths = 24;

    /// <summary>The CLV windows, in days after registration.</summary>
    public static readonly int[] ClvWindows = [90, 180, 365];

    /// <summary>The pair label of a channel and campaign (normalised).</summary>
    public static string Pair(string channel, string? campaign) =>
        CounterKeys.Channel(channel) + "/" + (string.IsNullOrWhiteSpace(campaign) ? NoCampaign : CounterKeys.Channel(campaign));

    /// <summary>A standing or flow measure of a pair: <c>acq:email/spring:customers</c> (also <c>cost</c>, <c>buyers</c>, <c>rev90</c>...).</summary>
    public static string Measure(string pair, string measure) => $"{Prefix}{pair}:{measure}";

    /// <summary>Net revenue booked within <paramref name="days"/> days after registration: <c>acq:email/spring:rev90</c>.</summary>
    public static string WindowRevenue(string pair, int days) => Measure(pair, "rev" + days.ToString(CultureInfo.InvariantCulture));

    /// <summary>Customers of a pair registered on a UTC day: <c>acq:email/spring:reg:2026-11-23</c>.</summary>
    public static string Registrations(string pair, string day) => $"{Prefix}{pair}:reg:{day}";

    /// <summary>Customers registered in a calendar month (UTC): <c>acq:coh:2026-11:customers</c>.</summary>
    public static string CohortCustomers(string month) => $"{CohortPrefix}{month}:customers";

    /// <summary>Net revenue of a registration month's customers booked <paramref name="monthsSince"/> calendar months later: <c>acq:coh:2026-11:m2</c>.</summary>
    public static string CohortRevenue(string month, int monthsSince) =>
        FormattableString.Invariant($"{CohortPrefix}{month}:m{monthsSince}");

    /// <summary>The UTC calendar month label, <c>yyyy-MM</c>.</summary>
    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Whole calendar months from <paramref name="from"/>'s month to <paramref name="to"/>'s (UTC).</summary>
    public static int MonthsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var (a, b) = (from.UtcDateTime, to.UtcDateTime);
        return ((b.Year - a.Year) * 12) + b.Month - a.Month;
    }
}
