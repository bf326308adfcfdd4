using System.Globalization;

namespace Realtime.Core.Acquisition;

/// <summary>The grow / hold / cut rule of <see cref="AcquisitionOptions"/>, with the figures that decided it in the reason.</summary>
public static class BudgetAdvisor
{
    /// <summary>Advice for a row's figures against the target ratio and the stage's payback limit.</summary>
    public static BudgetAdvice Advise(double customers, double spend, double? cac, double? ratio, double? payback, double paybackLimit, AcquisitionOptions options)
    {
        if (cac is null)
        {
            return spend > 0
                ? new(BudgetAdvice.Cut, F($"spend {spend:0.##} and no customer registered on the days it covers"))
                : new(BudgetAdvice.Hold, "no spend or acquisition cost known");
        }

        if (customers < options.MinCustomers)
        {
            return new(BudgetAdvice.Hold, F($"only {customers:0} registered customers (< {options.MinCustomers}): too few to judge"));
        }

        var ratioOk = ratio >= options.TargetClvToCac;
        var paybackOk = payback <= paybackLimit;
        var ratioText = ratio is { } r
            ? F($"CLV:CAC {r:0.0#} {(ratioOk ? "≥" : "<")} {options.TargetClvToCac:0.##}")
            : "CLV:CAC unknown";
        var paybackText = payback is { } p
            ? F($"payback {p:0.#} months {(paybackOk ? "≤" : ">")} {paybackLimit:0.#}")
            : F($"no payback within {AcquisitionInsights.MaxPaybackMonths} months");
        var action = (ratioOk, paybackOk) switch
        {
            (true, true) => BudgetAdvice.Grow,
            (false, false) => BudgetAdvice.Cut,
            _ => BudgetAdvice.Hold,
        };
        return new(action, ratioText + ", " + paybackText);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
