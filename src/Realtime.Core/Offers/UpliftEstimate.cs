namespace Realtime.Core.Offers;

/// <summary>An offer's measured uplift: treated minus holdout conversion rate, with a 95 % confidence interval.</summary>
/// <param name="OfferId">The offer.</param>
/// <param name="Counts">The counts it rests on.</param>
/// <param name="TreatedRate">Treated conversion rate.</param>
/// <param name="HoldoutRate">Holdout conversion rate.</param>
/// <param name="Uplift">TreatedRate − HoldoutRate (absolute, in conversion-rate points).</param>
/// <param name="Low">Lower 95 % bound.</param>
/// <param name="High">Upper 95 % bound.</param>
public sealed record UpliftEstimate(
    string OfferId, UpliftCounts Counts, double TreatedRate, double HoldoutRate, double Uplift, double Low, double High)
{
    /// <summary>True when the interval excludes zero.</summary>
    public bool Significant => Low > 0 || High < 0;
}
