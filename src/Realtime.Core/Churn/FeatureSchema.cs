namespace Realtime.Core.Churn;

/// <summary>
/// The churn feature vector's layout: one index per feature, and the names written next to every trained model
/// (<c>features.json</c>). A model is only ever scored with the schema version it was trained on: any change to the
/// meaning, order or count of features must bump <see cref="Version"/>, which makes the registry refuse older models
/// instead of scoring them with shifted inputs. docs/churn.md describes every feature.
/// </summary>
public static class FeatureSchema
{
    /// <summary>Schema version; stored in <c>features.json</c> and checked by the model loader.</summary>
    public const int Version = 2;

    /// <summary>Sentinel for "never happened / not defined" (trees split it away from every real value, all of which are ≥ 0).</summary>
    public const float Missing = -1f;

    public const int HasOrdered = 0;
    public const int RecencyDays = 1;
    public const int OrderCount = 2;
    public const int NetRevenue = 3;
    public const int AverageOrderValue = 4;
    public const int TenureDays = 5;
    public const int DaysSinceFirstOrder = 6;
    public const int MeanGapDays = 7;
    public const int GapStdDays = 8;
    public const int LastGapDays = 9;
    public const int OverdueRatio = 10;
    public const int Orders90d = 11;
    public const int OrdersPrev90d = 12;
    public const int OrderTrend = 13;
    public const int OrdersPerMonth = 14;
    public const int DaysSinceLastSeen = 15;
    public const int ViewCount = 16;
    public const int RecentItems30d = 17;
    public const int DaysSinceLastBrowse = 18;
    public const int CartValue = 19;
    public const int CartLines = 20;
    public const int CartAgeDays = 21;
    public const int CartAddCount = 22;
    public const int CheckoutOpen = 23;
    public const int EmailOpens = 24;
    public const int EmailClicks = 25;
    public const int DaysSinceEmailEngagement = 26;
    public const int EmailUnsubscribed = 27;
    public const int ReviewCount = 28;
    public const int AverageRating = 29;
    public const int LowRatingCount = 30;
    public const int TicketCount = 31;
    public const int UnhappyTicketCount = 32;
    public const int DaysSinceNegativeExperience = 33;
    public const int ReturnCount = 34;
    public const int ReturnRate = 35;
    public const int ReturnedShare = 36;
    public const int OffersShown = 37;
    public const int OffersRedeemed = 38;
    public const int DistinctCategories = 39;
    public const int DistinctProducts = 40;
    public const int Registered = 41;
    public const int AcquisitionCost = 42;
    public const int ChannelOrganic = 43;
    public const int ChannelPaid = 44;
    public const int ChannelSocial = 45;
    public const int ChannelEmail = 46;
    public const int ChannelReferral = 47;
    public const int ChannelOther = 48;

    // The model-dependent slots: ChurnFeatures leaves them Missing; Realtime.Scoring's ChurnModelFeatures fills them
    // from the other slots with the BG/NBD parameters and horizon the model was trained with (training and serving alike).
    public const int BgNbdProbabilityAlive = 49;
    public const int BgNbdExpectedOrders = 50;
    public const int BgNbdProbabilityNoOrder = 51;
    public const int GapVariation = 52;
    public const int DaysUntilDue = 53;

    /// <summary>First slot filled from the model's fitted parameters rather than from the state alone.</summary>
    public const int FirstModelDependent = BgNbdProbabilityAlive;

    /// <summary>Number of features (length of the vector).</summary>
    public const int Count = 54;

    private static readonly string[] s_names =
    [
        "has_ordered", "recency_days", "order_count", "net_revenue", "average_order_value",
        "tenure_days", "days_since_first_order", "mean_gap_days", "gap_std_days", "last_gap_days",
        "overdue_ratio", "orders_90d", "orders_prev_90d", "order_trend", "orders_per_month",
        "days_since_last_seen", "view_count", "recent_items_30d", "days_since_last_browse", "cart_value",
        "cart_lines", "cart_age_days", "cart_add_count", "checkout_open", "email_opens",
        "email_clicks", "days_since_email_engagement", "email_unsubscribed", "review_count", "average_rating",
        "low_rating_count", "ticket_count", "unhappy_ticket_count", "days_since_negative_experience", "return_count",
        "return_rate", "returned_share", "offers_shown", "offers_redeemed", "distinct_categories",
        "distinct_products", "registered", "acquisition_cost", "channel_organic", "channel_paid",
        "channel_social", "channel_email", "channel_referral", "channel_other", "bgnbd_p_alive",
        "bgnbd_expected_orders_horizon", "bgnbd_p_no_order_horizon", "gap_variation", "days_until_due",
    ];

    /// <summary>Feature names in vector order (snake_case, stable within a <see cref="Version"/>).</summary>
    public static IReadOnlyList<string> Names => s_names;

    /// <summary>The name of feature <paramref name="index"/>.</summary>
    public static string NameOf(int index) => s_names[index];
}
