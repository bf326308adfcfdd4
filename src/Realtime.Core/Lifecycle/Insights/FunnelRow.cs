namespace Realtime.Core.Lifecycle.Insights;

/// <summary>
/// One row of the onboarding funnel: customers who reached each step, the conversion from the step before, and the
/// median whole days between steps (null without a counted gap; cohort rows carry no medians).
/// </summary>
public sealed record FunnelRow(
    string Key,
    double Entered,
    double FirstOrder,
    double SecondOrder,
    double ThirdOrder,
    int? MedianDaysToFirstOrder,
    int? MedianDaysToSecondOrder,
    int? MedianDaysToThirdOrder)
{
    /// <summary>First-order buyers over entered customers; null when none entered.</summary>
    public double? FirstOrderRate => Rate(FirstOrder, Entered);

    public double? SecondOrderRate => Rate(SecondOrder, FirstOrder);

    public double? ThirdOrderRate => Rate(ThirdOrder, SecondOrder);

    private static double? Rate(double reached, double from) => from > 0 ? Math.Clamp(reached / from, 0, 1) : null;
}
