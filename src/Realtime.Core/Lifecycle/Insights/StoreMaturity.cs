namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// Classifies a store by its recent sales rate and age. A store without customers can only grow by acquisition;
/// as the customer base grows, more revenue comes from people who already bought, so the advised retention share rises:
/// just_started 0%, gaining_traction (1–5 sales a week) 15%, consistent (≥ 1 a day) 30%, established (~10 a day) 50%,
/// well_established (&gt; 10 a day for about a year) 60% (defaults, all in <see cref="MaturityOptions"/>).
/// </summary>
public static class StoreMaturity
{
    private static readonly string[] s_names = ["just_started", "gaining_traction", "consistent", "established", "well_established"];

    /// <summary>
    /// The stage for <paramref name="salesPerDay"/> (orders a day averaged over a recent window, e.g. 28 days, so one
    /// good day does not promote a store) and <paramref name="storeAgeDays"/> (days since the first sale).
    /// </summary>
    public static MaturityAssessment Classify(double salesPerDay, double storeAgeDays, MaturityOptions options)
    {
        var stage = salesPerDay * 7 < options.GainingTractionSalesPerWeek || salesPerDay <= 0 ? MaturityStage.JustStarted
            : salesPerDay < options.ConsistentSalesPerDay ? MaturityStage.GainingTraction
            : salesPerDay < options.EstablishedSalesPerDay ? MaturityStage.Consistent
            : salesPerDay >= options.WellEstablishedSalesPerDay && storeAgeDays >= options.WellEstablishedMinAgeDays ? MaturityStage.WellEstablished
            : MaturityStage.Established;
        var share = stage switch
        {
            MaturityStage.JustStarted => options.JustStartedRetentionShare,
            MaturityStage.GainingTraction => options.GainingTractionRetentionShare,
            MaturityStage.Consistent => options.ConsistentRetentionShare,
            MaturityStage.Established => options.EstablishedRetentionShare,
            _ => options.WellEstablishedRetentionShare,
        };
        return new MaturityAssessment(stage, share, salesPerDay, storeAgeDays);
    }

    /// <summary>The stage's snake_case wire name.</summary>
    public static string ToWire(MaturityStage stage) => s_names[(int)stage];
}
