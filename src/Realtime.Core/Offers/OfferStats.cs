namespace Realtime.Core.Offers;

/// <summary>
/// Learned offer statistics: counters named
/// <c>shown:{offer}:{segment}</c>, <c>redeemed:{offer}:{segment}</c> (the bandit's evidence) and
/// <c>treated:{offer}</c>, <c>treated_conv:{offer}</c>, <c>holdout:{offer}</c>, <c>holdout_conv:{offer}</c> (uplift).
/// A store keeps them as one hash (HINCRBY from <see cref="OfferLearning"/>, HGETALL into <see cref="FromFields"/>).
/// Not thread-safe while being changed: build or update an instance, then share it read-only with decisions.
/// </summary>
public sealed class OfferStats
{
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);

    /// <summary>Statistics from stored counters; unknown names are kept but ignored.</summary>
    public static OfferStats FromFields(IEnumerable<KeyValuePair<string, long>> fields)
    {
        var stats = new OfferStats();
        foreach (var (field, value) in fields)
        {
            stats._counters[field] = value;
        }

        return stats;
    }

    /// <summary>Every counter, for persisting or printing.</summary>
    public IReadOnlyDictionary<string, long> Counters => _counters;

    /// <summary>Adds increments (what the store does with HINCRBY, for in-memory use and simulations).</summary>
    public void Apply(IEnumerable<StatIncrement> increments)
    {
        foreach (var (field, delta) in increments)
        {
            _counters[field] = _counters.GetValueOrDefault(field) + delta;
        }
    }

    /// <summary>Observed exposures and redemptions of an offer in a segment.</summary>
    public ArmCounts Arm(string offerId, string segmentKey) =>
        new(Get(ShownField(offerId, segmentKey)), Get(RedeemedField(offerId, segmentKey)));

    /// <summary>Treated and holdout counts of an offer.</summary>
    public UpliftCounts Uplift(string offerId) =>
        new(Get(TreatedField(offerId)), Get(TreatedConvertedField(offerId)), Get(HoldoutField(offerId)), Get(HoldoutConvertedField(offerId)));

    /// <summary>Offer ids that have any treated or holdout count.</summary>
    public IEnumerable<string> UpliftOfferIds() =>
        _counters.Keys
            .Where(k => k.StartsWith("treated:", StringComparison.Ordinal) || k.StartsWith("holdout:", StringComparison.Ordinal))
            .Select(k => k[(k.IndexOf(':', StringComparison.Ordinal) + 1)..])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    internal static string ShownField(string offerId, string segmentKey) => $"shown:{offerId}:{segmentKey}";

    internal static string RedeemedField(string offerId, string segmentKey) => $"redeemed:{offerId}:{segmentKey}";

    internal static string TreatedField(string offerId) => "treated:" + offerId;

    internal static string TreatedConvertedField(string offerId) => "treated_conv:" + offerId;

    internal static string HoldoutField(string offerId) => "holdout:" + offerId;

    internal static string HoldoutConvertedField(string offerId) => "holdout_conv:" + offerId;

    private long Get(string field) => _counters.GetValueOrDefault(field);
}
