using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs.Baselines;

/// <summary>
/// TIFU-KNN (Hu et al. 2020, "Modeling Personalized Item Frequency Information for Next-basket Recommendation"),
/// written from the paper. A customer's vector over products: the basket sequence (oldest first, each basket a 0/1
/// vector) is cut into m groups; a group of s baskets is Σᵢ r_b^(s−i)·vᵢ / s and the customer Σⱼ r_g^(G−j)·gⱼ / G over
/// its G groups. The prediction is α·own + (1 − α)·mean of the k nearest customers' vectors (cosine), products ranked
/// by it, then the fill list. Vectors depend only on the basket sequence, so each is rebuilt when its customer orders.
/// </summary>
internal sealed class TifuKnn(TifuKnnParameters parameters)
{
    private readonly Dictionary<string, List<string[]>> _baskets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, double>> _vectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _norms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _buyers = new(StringComparer.Ordinal);

    public TifuKnnParameters Parameters => parameters;

    public void Observe(CustomerEvent e)
    {
        if (PurchaseBaskets.Of(e) is not { } basket)
        {
            return;
        }

        if (!_baskets.TryGetValue(e.CustomerId, out var baskets))
        {
            _baskets[e.CustomerId] = baskets = [];
        }

        baskets.Add(basket);
        var vector = CustomerVector(baskets, parameters);
        foreach (var product in basket)
        {
            if (_vectors.TryGetValue(e.CustomerId, out var old) && old.ContainsKey(product))
            {
                continue;
            }

            if (!_buyers.TryGetValue(product, out var buyers))
            {
                _buyers[product] = buyers = [];
            }

            buyers.Add(e.CustomerId);
        }

        _vectors[e.CustomerId] = vector;
        _norms[e.CustomerId] = Math.Sqrt(vector.Values.Sum(v => v * v));
    }

    public List<string> Recommend(string customerId, IReadOnlySet<string> exclude, IReadOnlyList<string> fill, int count) =>
        Recommend(customerId, NeighbourMeans(customerId, [parameters.Neighbours])?[0], parameters.Alpha, exclude, fill, count);

    /// <summary>
    /// α·own + (1 − α)·<paramref name="neighbourMean"/>, ranked (ties by id), then the fill; only the fill for a
    /// customer without orders (null mean).
    /// </summary>
    public List<string> Recommend(
        string customerId, Dictionary<string, double>? neighbourMean, double alpha, IReadOnlySet<string> exclude, IReadOnlyList<string> fill, int count)
    {
        if (neighbourMean is null || !_vectors.TryGetValue(customerId, out var own))
        {
            return FilledList.Build([], fill, exclude, count);
        }

        var prediction = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (product, value) in own)
        {
            prediction[product] = alpha * value;
        }

        foreach (var (product, value) in neighbourMean)
        {
            prediction[product] = prediction.GetValueOrDefault(product) + ((1 - alpha) * value);
        }

        var ranked = prediction.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key);
        return FilledList.Build(ranked, fill, exclude, count);
    }

    /// <summary>
    /// The mean vector of the customer's k nearest customers (cosine), for each k of <paramref name="neighbourCounts"/>
    /// from one search (tuning asks for several k at once); null for a customer without orders.
    /// </summary>
    public Dictionary<string, double>[]? NeighbourMeans(string customerId, IReadOnlyList<int> neighbourCounts)
    {
        if (!_vectors.TryGetValue(customerId, out var own))
        {
            return null;
        }

        // Dot products with every customer sharing a product, through the buyers index.
        var dots = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (product, value) in own)
        {
            foreach (var other in _buyers[product])
            {
                if (other != customerId)
                {
                    dots[other] = dots.GetValueOrDefault(other) + (value * _vectors[other][product]);
                }
            }
        }

        var nearest = dots
            .Select(d => (Customer: d.Key, Cosine: d.Value / (_norms[customerId] * _norms[d.Key])))
            .OrderByDescending(d => d.Cosine)
            .ThenBy(d => d.Customer, StringComparer.Ordinal)
            .Take(neighbourCounts.Max())
            .ToList();

        // The mean over k neighbours, as in the paper: when fewer than k customers share a product, the missing ones
        // count as zero vectors (a customer with no overlap has cosine 0 and nothing to say about this one).
        var means = new Dictionary<string, double>[neighbourCounts.Count];
        var sum = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var n = 0; n <= nearest.Count; n++)
        {
            for (var c = 0; c < neighbourCounts.Count; c++)
            {
                if (means[c] is null && (n == neighbourCounts[c] || n == nearest.Count))
                {
                    means[c] = sum.ToDictionary(p => p.Key, p => p.Value / neighbourCounts[c], StringComparer.Ordinal);
                }
            }

            if (n < nearest.Count)
            {
                foreach (var (product, value) in _vectors[nearest[n].Customer])
                {
                    sum[product] = sum.GetValueOrDefault(product) + value;
                }
            }
        }

        return means;
    }

    /// <summary>The customer's time-decayed item-frequency vector from their baskets, oldest first.</summary>
    public static Dictionary<string, double> CustomerVector(IReadOnlyList<string[]> baskets, TifuKnnParameters parameters)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        var groups = Math.Min(parameters.Groups, baskets.Count);
        var start = 0;
        for (var g = 0; g < groups; g++)
        {
            // Equal-sized consecutive groups; the remainder goes to the oldest ones.
            var size = (baskets.Count / groups) + (g < baskets.Count % groups ? 1 : 0);
            var groupWeight = Math.Pow(parameters.GroupDecay, groups - 1 - g) / groups;
            for (var i = 0; i < size; i++)
            {
                var weight = groupWeight * Math.Pow(parameters.WithinDecay, size - 1 - i) / size;
                foreach (var product in baskets[start + i])
                {
                    vector[product] = vector.GetValueOrDefault(product) + weight;
                }
            }

            start += size;
        }

        return vector;
    }
}
