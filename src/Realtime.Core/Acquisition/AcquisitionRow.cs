namespace Realtime.Core.Acquisition;

/// <summary>One channel (<see cref="Campaign"/> null) or one campaign of a channel in the acquisition report.</summary>
/// <param name="Channel">Normalised channel.</param>
/// <param name="Campaign">Normalised campaign (<c>none</c> for registrations without one); null on channel rows.</param>
/// <param name="NewCustomers">Registered customers (all time).</param>
/// <param name="Buyers">Of those, the ones with at least one order.</param>
/// <param name="Spend">Marketing spend on days up to today, within the counter retention.</param>
/// <param name="SpendCustomers">Customers registered on the days that spend covers.</param>
/// <param name="Cac">Acquisition cost per customer; null when neither spend nor acquisition costs are known.</param>
/// <param name="CacSource"><c>spend</c>, <c>acquisition_cost</c> (mean per-customer cost: no spend known) or <c>none</c>.</param>
/// <param name="Clv">The 90-, 180- and 365-day CLV per customer.</param>
/// <param name="ClvToCac">365-day CLV times the gross margin, over CAC; null without CAC.</param>
/// <param name="PaybackMonths">Months until cumulative gross margin per customer reaches CAC; null without CAC or when it never does.</param>
/// <param name="Advice">Grow, hold or cut, with the reason.</param>
public sealed record AcquisitionRow(
    string Channel,
    string? Campaign,
    double NewCustomers,
    double Buyers,
    double Spend,
    double SpendCustomers,
    double? Cac,
    string CacSource,
    IReadOnlyList<ClvWindow> Clv,
    double? ClvToCac,
    double? PaybackMonths,
    BudgetAdvice Advice)
{
    /// <summary>Share of registered customers who ordered; null without customers.</summary>
    public double? FirstOrderConversion => NewCustomers > 0 ? Buyers / NewCustomers : null;

    /// <summary>The row's key: the channel, or <c>channel/campaign</c>.</summary>
    public string Key => Campaign is null ? Channel : Channel + "/" + Campaign;
}
