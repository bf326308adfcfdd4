using Realtime.Core.Lifecycle;
using Realtime.Core.Offers;

namespace Realtime.Evaluation.Offers;

/// <summary>
/// The true acceptance rate of every offer in every segment: the catalog's prior mean times a hidden factor
/// (log-normal, σ = 0.7, so priors are off by ×0.5 to ×2 typically), which is what the bandit has to discover.
/// </summary>
public sealed class HiddenAcceptance
{
    private readonly Dictionary<(string Offer, string Segment), double> _rates = [];
    private readonly OfferCatalog _catalog;
    private readonly Random _random;

    public HiddenAcceptance(OfferCatalog catalog, int seed)
    {
        _catalog = catalog;
        _random = new Random(seed);

        // Draw every pair up front, in catalog order, so the oracle knows them all and runs are reproducible.
        foreach (var offer in catalog.Offers)
        {
            foreach (var segment in Enum.GetValues<Segment>())
            {
                Rate(offer.Id!, OfferSegmentKeys.ToKey(segment));
            }

            Rate(offer.Id!, OfferSegmentKeys.Unsegmented);
        }
    }

    /// <summary>Every (offer, segment) rate drawn so far.</summary>
    public IReadOnlyDictionary<(string Offer, string Segment), double> Rates => _rates;

    /// <summary>The true rate of an offer in a segment.</summary>
    public double Rate(string offerId, string segmentKey)
    {
        if (!_rates.TryGetValue((offerId, segmentKey), out var rate))
        {
            var prior = _catalog.Find(offerId)!.PriorFor(segmentKey).Mean;
            rate = Math.Clamp(prior * Math.Exp(0.7 * Normal()), 0.002, 0.9);
            _rates[(offerId, segmentKey)] = rate;
        }

        return rate;
    }

    /// <summary>Stats as if every arm had been observed a million times: the oracle's knowledge.</summary>
    public OfferStats AsOracleStats()
    {
        var fields = new List<KeyValuePair<string, long>>();
        foreach (var ((offer, segment), rate) in _rates)
        {
            fields.Add(new($"shown:{offer}:{segment}", 1_000_000));
            fields.Add(new($"redeemed:{offer}:{segment}", (long)(rate * 1_000_000)));
        }

        return OfferStats.FromFields(fields);
    }

    private double Normal() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
