using System.ComponentModel.DataAnnotations;

namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// Store maturity thresholds (section <c>Lifecycle:Maturity</c>) and the share of marketing effort advised for retention
/// at each stage: a store with no customers must acquire first; a mature store earns most from the customers it has.
/// </summary>
public sealed class MaturityOptions
{
    /// <summary>Sales a week from which a store is <c>gaining_traction</c>; below it the store has <c>just_started</c>. Default 1.</summary>
    [Range(0.0, 1000.0)]
    public double GainingTractionSalesPerWeek { get; set; } = 1;

    /// <summary>Sales a day from which a store is <c>consistent</c>. Default 1.</summary>
    [Range(0.0, 100000.0)]
    public double ConsistentSalesPerDay { get; set; } = 1;

    /// <summary>Sales a day from which a store is <c>established</c>. Default 10.</summary>
    [Range(0.0, 100000.0)]
    public double EstablishedSalesPerDay { get; set; } = 10;

    /// <summary>Sales a day for <c>well_established</c> (together with <see cref="WellEstablishedMinAgeDays"/>). Default 10.</summary>
    [Range(0.0, 100000.0)]
    public double WellEstablishedSalesPerDay { get; set; } = 10;

    /// <summary>Store age in days for <c>well_established</c>. Default 365 (about a year of selling).</summary>
    [Range(0.0, 36500.0)]
    public double WellEstablishedMinAgeDays { get; set; } = 365;

    /// <summary>Advised retention share of effort, <c>just_started</c>. Default 0 (acquire first).</summary>
    [Range(0.0, 1.0)]
    public double JustStartedRetentionShare { get; set; } = 0;

    /// <summary>Advised retention share, <c>gaining_traction</c>. Default 0.15.</summary>
    [Range(0.0, 1.0)]
    public double GainingTractionRetentionShare { get; set; } = 0.15;

    /// <summary>Advised retention share, <c>consistent</c>. Default 0.30.</summary>
    [Range(0.0, 1.0)]
    public double ConsistentRetentionShare { get; set; } = 0.30;

    /// <summary>Advised retention share, <c>established</c>. Default 0.50.</summary>
    [Range(0.0, 1.0)]
    public double EstablishedRetentionShare { get; set; } = 0.50;

    /// <summary>Advised retention share, <c>well_established</c>. Default 0.60.</summary>
    [Range(0.0, 1.0)]
    public double WellEstablishedRetentionShare { get; set; } = 0.60;

    /// <summary>Checks that the thresholds rise with the stages.</summary>
    public void Validate()
    {
        if (!(ConsistentSalesPerDay <= EstablishedSalesPerDay && EstablishedSalesPerDay <= WellEstablishedSalesPerDay))
        {
            throw new ArgumentException("Lifecycle:Maturity: ConsistentSalesPerDay <= EstablishedSalesPerDay <= WellEstablishedSalesPerDay is required");
        }
    }
}
