using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Core.Acquisition;

/// <summary>The acquisition picture served by <c>InsightsService.GetAcquisitionReport</c>.</summary>
public sealed record AcquisitionReport
{
    /// <summary>Per channel, most customers first.</summary>
    public required IReadOnlyList<AcquisitionRow> Channels { get; init; }

    /// <summary>Per channel and campaign, most customers first.</summary>
    public required IReadOnlyList<AcquisitionRow> Campaigns { get; init; }

    /// <summary>By registration month, oldest first.</summary>
    public required IReadOnlyList<CohortRow> Cohorts { get; init; }

    /// <summary>The maturity stage the advice was given for.</summary>
    public required MaturityAssessment Maturity { get; init; }

    /// <summary>The payback limit applied at this stage, in months.</summary>
    public required double PaybackLimitMonths { get; init; }

    /// <summary>Whether the CLV windows include a model prediction (a fitted BG/NBD and Gamma-Gamma model).</summary>
    public required bool Predicted { get; init; }
}
