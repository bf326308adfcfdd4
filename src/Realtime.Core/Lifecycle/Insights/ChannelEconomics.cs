namespace Realtime.Core.Lifecycle.Insights;

/// <summary>Acquisition economics of one channel (or of all channels together).</summary>
/// <param name="Channel">Normalised channel name, or <c>all</c>.</param>
/// <param name="Customers">Customers acquired through it.</param>
/// <param name="AcquisitionCost">Total acquisition cost.</param>
/// <param name="NetRevenue">Their net revenue so far.</param>
/// <param name="Clv">Their summed CLV (as last computed per customer), times the gross margin.</param>
/// <param name="ClvToCac">CLV:CAC, null without acquisition cost.</param>
/// <param name="Verdict">How to read the ratio.</param>
public sealed record ChannelEconomics(string Channel, double Customers, double AcquisitionCost, double NetRevenue, double Clv, double? ClvToCac, ClvCacVerdict Verdict)
{
    /// <summary>Average acquisition cost per customer (0 without customers).</summary>
    public double AverageCac => Customers > 0 ? AcquisitionCost / Customers : 0;

    /// <summary>Average CLV per customer (0 without customers).</summary>
    public double AverageClv => Customers > 0 ? Clv / Customers : 0;

    /// <summary>The verdict for a ratio: &lt; 1 losing money, &lt; 2.5 thin, ≤ 5 healthy, above under-investing.</summary>
    public static ClvCacVerdict VerdictOf(double? ratio) => ratio switch
    {
        null => ClvCacVerdict.Unknown,
        < 1 => ClvCacVerdict.LosingMoney,
        < 2.5 => ClvCacVerdict.Thin,
        <= 5 => ClvCacVerdict.Healthy,
        _ => ClvCacVerdict.UnderInvesting,
    };
}
