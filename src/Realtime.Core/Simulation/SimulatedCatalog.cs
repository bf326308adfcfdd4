using Realtime.Core.Events;

namespace Realtime.Core.Simulation;

/// <summary>Products with categories, prices and Zipf-skewed popularity, for <see cref="StoreSimulator"/>.</summary>
public sealed class SimulatedCatalog
{
    private readonly SimulatedProduct[] _products;
    private readonly double[] _cumulative;
    private readonly int[][] _byCategory;

    private SimulatedCatalog(SimulatedProduct[] products)
    {
        _products = products;
        _cumulative = new double[products.Length];
        double sum = 0;
        for (var i = 0; i < products.Length; i++)
        {
            sum += 1.0 / (i + 1); // Zipf(1): product 0 is the best seller
            _cumulative[i] = sum;
        }

        _byCategory = products.Select((p, i) => (p, i)).GroupBy(x => x.p.CategoryIndex).OrderBy(g => g.Key)
            .Select(g => g.Select(x => x.i).ToArray()).ToArray();
    }

    public IReadOnlyList<SimulatedProduct> Products => _products;

    public static SimulatedCatalog Create(SimulationOptions options, Random random)
    {
        var products = new SimulatedProduct[options.Products];
        for (var i = 0; i < products.Length; i++)
        {
            var category = i % options.Categories;
            products[i] = new SimulatedProduct($"p{i:D5}", $"cat{category:D2}", category, Math.Round(5 + (random.NextDouble() * 95), 2));
        }

        return new SimulatedCatalog(products);
    }

    /// <summary>A product by popularity, optionally within one category.</summary>
    public SimulatedProduct Pick(Random random, int? category)
    {
        if (category is { } c && c < _byCategory.Length)
        {
            var members = _byCategory[c];
            // Skew inside the category too: squaring a uniform favours the first (most popular) members.
            var u = random.NextDouble();
            return _products[members[(int)(u * u * members.Length)]];
        }

        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return _products[Math.Min(index < 0 ? ~index : index, _products.Length - 1)];
    }

    public IEnumerable<CustomerEvent> UpsertEvents(DateTimeOffset at) => _products.Select(p => new CustomerEvent
    {
        EventId = $"upsert-{p.Id}",
        Type = EventType.ProductUpserted,
        CustomerId = string.Empty,
        OccurredAt = at,
        ProductId = p.Id,
        Category = p.Category,
        Price = p.Price,
        InStock = true,
    });
}

/// <summary>One simulated product.</summary>
public sealed record SimulatedProduct(string Id, string Category, int CategoryIndex, double Price);
