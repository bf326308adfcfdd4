using Realtime.Core.State;
using F = Realtime.Core.Churn.FeatureSchema;

namespace Realtime.Core.Churn;

/// <summary>
/// The churn feature vector of one customer as of a moment. The single function both the training-set builder
/// (at each cutoff) and the online scorer (at request time) call, so the model sees the same inputs in both places.
/// Pure: time is the <c>now</c> argument, never the clock; writes into a caller's span and allocates nothing.
/// </summary>
public static class ChurnFeatures
{
    /// <summary>The two activity-trend windows (last 90 days against the 90 before).</summary>
    public const double TrendWindowDays = 90;

    private const double DaysPerMonth = 30.4375;
    private const long TrendWindowMs = (long)(TrendWindowDays * TimeUnits.MsPerDay);

    /// <summary>
    /// Writes the <see cref="FeatureSchema.Count"/> features of <paramref name="state"/> as of <paramref name="now"/>
    /// into <paramref name="features"/> (layout and meaning: <see cref="FeatureSchema"/>).
    /// Ages are clamped at zero so a state a little ahead of <paramref name="now"/> (clock skew) never gives negative days.
    /// </summary>
    public static void Compute(CustomerState state, DateTimeOffset now, Span<float> features)
    {
        if (features.Length < F.Count)
        {
            throw new ArgumentException($"the feature span needs {F.Count} slots", nameof(features));
        }

        var f = features[..F.Count];
        f.Clear();
        f[F.FirstModelDependent..].Fill(F.Missing); // filled by the scorer with the model's parameters
        var nowMs = TimeUnits.ToMs(now);

        WriteOrders(state, nowMs, f);
        WriteBrowsingAndCart(state, nowMs, f);
        WriteEngagement(state, nowMs, f);

        f[F.TenureDays] = DaysSince(state.RegisteredAtMs > 0 ? Math.Min(state.RegisteredAtMs, state.FirstSeenMs) : state.FirstSeenMs, nowMs);
        f[F.DaysSinceLastSeen] = DaysSince(state.LastSeenMs, nowMs);
        f[F.Registered] = state.RegisteredAtMs > 0 ? 1 : 0;
        f[F.AcquisitionCost] = (float)state.AcquisitionCost;
        if (ChannelIndex(state.AcquisitionChannel) is var channel and >= 0)
        {
            f[channel] = 1;
        }
    }

    /// <summary>
    /// Maps an acquisition channel to its one-hot slot; common spellings fold together; −1 for none.
    /// Unknown non-empty channels share <see cref="FeatureSchema.ChannelOther"/> so a new campaign label cannot grow the vector.
    /// </summary>
    public static int ChannelIndex(string? channel) => channel switch
    {
        null or "" => -1,
        _ when Is(channel, "organic", "seo", "direct", "search") => F.ChannelOrganic,
        _ when Is(channel, "paid", "paid_search", "cpc", "ads", "display", "sem") => F.ChannelPaid,
        _ when Is(channel, "social", "facebook", "instagram", "tiktok", "paid_social") => F.ChannelSocial,
        _ when Is(channel, "email", "newsletter", "crm") => F.ChannelEmail,
        _ when Is(channel, "referral", "affiliate", "partner", "friend") => F.ChannelReferral,
        _ => F.ChannelOther,
    };

    private static void WriteOrders(CustomerState s, long nowMs, Span<float> f)
    {
        if (s.OrderCount == 0)
        {
            f[F.RecencyDays] = F.Missing;
            f[F.DaysSinceFirstOrder] = F.Missing;
            f[F.MeanGapDays] = F.Missing;
            f[F.GapStdDays] = F.Missing;
            f[F.LastGapDays] = F.Missing;
            f[F.OverdueRatio] = F.Missing;
            return;
        }

        var recency = DaysSince(s.LastOrderMs, nowMs);
        var sinceFirst = DaysSince(s.FirstOrderMs, nowMs);
        f[F.HasOrdered] = 1;
        f[F.RecencyDays] = recency;
        f[F.OrderCount] = s.OrderCount;
        f[F.NetRevenue] = (float)s.NetRevenue;
        f[F.AverageOrderValue] = (float)s.AverageOrderValue;
        f[F.DaysSinceFirstOrder] = sinceFirst;
        f[F.OrdersPerMonth] = (float)(s.OrderCount / Math.Max(1.0, sinceFirst / DaysPerMonth));

        // Mean gap from first/last/count is exact over the whole history; the recent-order list is capped, so it only
        // serves the spread and the latest gap.
        var meanGap = s.MeanOrderGapDays;
        f[F.MeanGapDays] = meanGap is { } m ? (float)m : F.Missing;
        f[F.OverdueRatio] = meanGap is { } g ? (float)(recency / Math.Max(1.0, g)) : F.Missing;
        GapSpread(s.RecentOrderMs, out var std, out var last);
        f[F.GapStdDays] = std;
        f[F.LastGapDays] = last;

        int recent = 0, previous = 0;
        foreach (var t in s.RecentOrderMs)
        {
            var age = nowMs - t;
            if (age >= 0 && age < TrendWindowMs)
            {
                recent++;
            }
            else if (age >= TrendWindowMs && age < 2 * TrendWindowMs)
            {
                previous++;
            }
        }

        f[F.Orders90d] = recent;
        f[F.OrdersPrev90d] = previous;
        f[F.OrderTrend] = (recent - previous) / (float)(recent + previous + 1);
        f[F.ReturnCount] = s.ReturnCount;
        f[F.ReturnRate] = s.ReturnCount / (float)s.OrderCount;
        f[F.ReturnedShare] = s.GrossRevenue > 0 ? (float)Math.Min(1.0, s.ReturnedAmount / s.GrossRevenue) : 0;
        f[F.DistinctProducts] = s.Purchased.Count;
    }

    private static void WriteBrowsingAndCart(CustomerState s, long nowMs, Span<float> f)
    {
        f[F.ViewCount] = s.ViewCount;
        long lastBrowse = 0;
        var recentItems = 0;
        foreach (var item in s.RecentItems)
        {
            lastBrowse = Math.Max(lastBrowse, item.AtMs);
            recentItems += nowMs - item.AtMs < 30 * TimeUnits.MsPerDay ? 1 : 0;
        }

        f[F.RecentItems30d] = recentItems;
        f[F.DaysSinceLastBrowse] = lastBrowse == 0 ? F.Missing : DaysSince(lastBrowse, nowMs);
        f[F.CartValue] = (float)s.CartValue;
        f[F.CartLines] = s.Cart.Count;
        f[F.CartAgeDays] = s.Cart.Count == 0 ? F.Missing : DaysSince(s.CartUpdatedMs, nowMs);
        f[F.CartAddCount] = s.CartAddCount;
        f[F.CheckoutOpen] = s.CheckoutStartedMs > 0 && s.Cart.Count > 0 ? 1 : 0;
        f[F.DistinctCategories] = s.Categories.Count;
    }

    private static void WriteEngagement(CustomerState s, long nowMs, Span<float> f)
    {
        f[F.EmailOpens] = s.EmailOpens;
        f[F.EmailClicks] = s.EmailClicks;
        f[F.DaysSinceEmailEngagement] = s.LastEmailEngagementMs == 0 ? F.Missing : DaysSince(s.LastEmailEngagementMs, nowMs);
        f[F.EmailUnsubscribed] = s.EmailUnsubscribed ? 1 : 0;
        f[F.ReviewCount] = s.ReviewCount;
        f[F.AverageRating] = s.ReviewCount == 0 ? F.Missing : s.ReviewRatingSum / (float)s.ReviewCount;
        f[F.LowRatingCount] = s.LowRatingCount;
        f[F.TicketCount] = s.TicketCount;
        f[F.UnhappyTicketCount] = s.UnhappyTicketCount;
        var lastNegative = Math.Max(s.LastLowRatingMs, s.LastUnhappyTicketMs);
        f[F.DaysSinceNegativeExperience] = lastNegative == 0 ? F.Missing : DaysSince(lastNegative, nowMs);
        f[F.OffersShown] = s.OffersShown;
        f[F.OffersRedeemed] = s.OffersRedeemed;
    }

    /// <summary>Population standard deviation of the gaps between recent orders, and the latest gap (days; Missing below two orders).</summary>
    private static void GapSpread(List<long> ascending, out float std, out float last)
    {
        if (ascending.Count < 2)
        {
            std = F.Missing;
            last = F.Missing;
            return;
        }

        double sum = 0, sumSq = 0;
        for (var i = 1; i < ascending.Count; i++)
        {
            var gap = TimeUnits.DaysBetween(ascending[i - 1], ascending[i]);
            sum += gap;
            sumSq += gap * gap;
        }

        var n = ascending.Count - 1;
        var mean = sum / n;
        std = (float)Math.Sqrt(Math.Max(0, (sumSq / n) - (mean * mean)));
        last = (float)TimeUnits.DaysBetween(ascending[^2], ascending[^1]);
    }

    private static float DaysSince(long ms, long nowMs) => ms == 0 ? F.Missing : (float)Math.Max(0, TimeUnits.DaysBetween(ms, nowMs));

    private static bool Is(string value, params ReadOnlySpan<string> aliases)
    {
        foreach (var alias in aliases)
        {
            if (value.Equals(alias, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
