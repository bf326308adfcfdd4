using System.ComponentModel.DataAnnotations;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Core.Lifecycle;

/// <summary>
/// Thresholds for lifecycle segments, RFM, CLV and the lifecycle summary (configuration section <c>Lifecycle</c>).
/// Defaults suit a general online store; docs/lifecycle.md explains each choice.
/// </summary>
public sealed class LifecycleOptions : IValidatableObject
{
    public const string SectionName = "Lifecycle";

    /// <summary>Minimum RFM recency score (1–5) for <c>hero</c>. Default 4.</summary>
    [Range(1, 5)]
    public int HeroMinRecency { get; set; } = 4;

    /// <summary>Minimum RFM frequency score (1–5) for <c>hero</c>. Default 4.</summary>
    [Range(1, 5)]
    public int HeroMinFrequency { get; set; } = 4;

    /// <summary>Minimum RFM monetary score (1–5) for <c>hero</c>. Default 4.</summary>
    [Range(1, 5)]
    public int HeroMinMonetary { get; set; } = 4;

    /// <summary>
    /// A hero must also have at least this many orders. Default 2: in a young store most customers have one order,
    /// and the score ties alone must not crown a one-time buyer.
    /// </summary>
    [Range(1, 1000)]
    public int HeroMinOrders { get; set; } = 2;

    /// <summary>
    /// <c>at_risk</c> once the days since the last order exceed this multiple of the customer's expected gap. Default 1.5:
    /// if gaps were exponential, an alive customer overruns 1.5× its mean only ~22% of the time (2× would be 14%),
    /// early enough for a cheap nudge while most at-risk customers are still reachable.
    /// </summary>
    [Range(1.0, 20.0)]
    public double OverdueFactor { get; set; } = 1.5;

    /// <summary>
    /// Expected gap in days for a customer with one order (no rhythm of its own yet). Default 45: a typical repeat
    /// interval for general retail; set it to the store's median repeat gap when known.
    /// </summary>
    [Range(1.0, 3650.0)]
    public double DefaultExpectedGapDays { get; set; } = 45;

    /// <summary>
    /// Floor on the expected gap in days. Default 7: two orders on one day (a forgotten item) must not make the
    /// customer "overdue" a few hours later.
    /// </summary>
    [Range(0.0, 3650.0)]
    public double MinExpectedGapDays { get; set; } = 7;

    /// <summary><c>inactive</c> after this many days without an order (buyers) or without any activity (non-buyers). Default 180.</summary>
    [Range(1.0, 3650.0)]
    public double InactiveDays { get; set; } = 180;

    /// <summary>
    /// <c>inactive</c> also once silent for this multiple of the expected gap, whichever comes first with
    /// <see cref="InactiveDays"/>. Default 4 (an exponential gap runs past 4× its mean under 2% of the time).
    /// </summary>
    [Range(1.0, 100.0)]
    public double InactiveFactor { get; set; } = 4;

    /// <summary><c>at_risk</c> also when a churn model's score reaches this. Default 0.7.</summary>
    [Range(0.0, 1.0)]
    public double ChurnAtRiskThreshold { get; set; } = 0.7;

    /// <summary>An open cart untouched this long, with no order since, is abandoned. Default 1 hour.</summary>
    public TimeSpan CartAbandonAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A cart untouched this long is stale and the <c>cart_abandoner</c> flag drops. Default 14 days.</summary>
    public TimeSpan CartAbandonExpiresAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// <c>negative_experience</c> lasts this many days after a low review (≤ 2), an unhappy ticket (satisfaction ≤ 2) or a return. Default 60.
    /// </summary>
    [Range(1.0, 3650.0)]
    public double NegativeWindowDays { get; set; } = 60;

    /// <summary>Whether a return alone counts as a negative experience. Default true (set false where returns are routine, e.g. fashion).</summary>
    public bool ReturnsAreNegative { get; set; } = true;

    /// <summary>CLV prediction horizon in days. Default 365.</summary>
    [Range(1.0, 3650.0)]
    public double ClvHorizonDays { get; set; } = 365;

    /// <summary>Annual discount rate applied to predicted CLV (0 = none). Default 0.10.</summary>
    [Range(0.0, 1.0)]
    public double ClvAnnualDiscountRate { get; set; } = 0.10;

    /// <summary>Gross margin applied to revenue in CLV:CAC (1 = revenue-based). Default 1; set the store's margin for a profit view.</summary>
    [Range(0.0, 1.0)]
    public double GrossMargin { get; set; } = 1.0;

    /// <summary>Dated summary counters (revenue per day, customers per week) older than this many days are dropped. Default 400.</summary>
    [Range(366, 3650)]
    public int CounterRetentionDays { get; set; } = 400;

    /// <summary>Store maturity thresholds and the advised retention share of effort per stage.</summary>
    public MaturityOptions Maturity { get; set; } = new();

    /// <summary>The onboarding funnel (the second-purchase incentive window).</summary>
    public FunnelOptions Funnel { get; set; } = new();

    /// <summary>The budget advice's thresholds (acquisition report).</summary>
    public Acquisition.AcquisitionOptions Acquisition { get; set; } = new();

    /// <summary>The segment sweeper (time-driven changes).</summary>
    public SweepOptions Sweep { get; set; } = new();

    /// <summary>The periodic CLV model refit.</summary>
    public ClvFitOptions ClvFit { get; set; } = new();

    /// <summary>Checks the rules between settings that attributes cannot express; throws naming the key.</summary>
    public void Validate()
    {
        if (InactiveFactor <= OverdueFactor)
        {
            throw new ArgumentException($"{SectionName}:{nameof(InactiveFactor)} ({InactiveFactor}) must exceed {nameof(OverdueFactor)} ({OverdueFactor})");
        }

        if (CartAbandonAfter <= TimeSpan.Zero || CartAbandonExpiresAfter <= CartAbandonAfter)
        {
            throw new ArgumentException($"{SectionName}:{nameof(CartAbandonAfter)} must be positive and below {nameof(CartAbandonExpiresAfter)}");
        }

        Maturity.Validate();
        Funnel.Validate();
        Sweep.Validate();
        ClvFit.Validate();
    }

    /// <summary>
    /// The rules of <see cref="Validate()"/> for start-up validation (the host's source-generated validator calls this
    /// after the range attributes): one result, naming the key, for the first rule broken.
    /// </summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        try
        {
            Validate();
        }
        catch (ArgumentException ex)
        {
            return [new ValidationResult(ex.Message)];
        }

        return [];
    }
}
