using System.ComponentModel.DataAnnotations;

namespace Realtime.Core.Acquisition;

/// <summary>
/// Thresholds of the budget advice (section <c>Lifecycle:Acquisition</c>). A channel or campaign is advised to
/// <c>grow</c> when its CLV:CAC reaches <see cref="TargetClvToCac"/> and it pays back within the payback limit, to
/// <c>cut</c> when it misses both, and to <c>hold</c> otherwise or without enough customers to judge.
/// </summary>
public sealed class AcquisitionOptions
{
    /// <summary>The CLV:CAC line (365-day CLV times the gross margin, over CAC). Default 3 (the 3:1 rule).</summary>
    [Range(0.1, 100.0)]
    public double TargetClvToCac { get; set; } = 3;

    /// <summary>Longest acceptable payback, in months, for a store from <c>consistent</c> on. Default 12.</summary>
    [Range(1.0, 120.0)]
    public double MaxPaybackMonths { get; set; } = 12;

    /// <summary>
    /// Months added to the payback limit for stores that have <c>just_started</c> or are <c>gaining_traction</c>: they
    /// put most of their effort into acquisition and can wait longer for it to pay back. Default 6.
    /// </summary>
    [Range(0.0, 120.0)]
    public double EarlyStagePaybackAllowanceMonths { get; set; } = 6;

    /// <summary>Fewer registered customers than this and a row is advised to <c>hold</c> (too few to judge). Default 20.</summary>
    [Range(0, 1_000_000)]
    public int MinCustomers { get; set; } = 20;
}
