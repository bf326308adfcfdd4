using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Redis;

namespace Realtime.IntegrationTests;

/// <summary>The Redis item statistics against the in-memory reference: same increments in, same snapshot out.</summary>
[Collection(ServersCollection.Name)]
public class RedisItemSignalStoreTests(Servers servers)
{
    private static readonly ItemSignalOptions s_options = new();

    [Fact]
    public async Task Redis_item_statistics_read_back_exactly_what_the_in_memory_reference_holds()
    {
        var (keys, reference, query) = await WriteSimulatedStatisticsAsync("items");
        var reader = new RedisItemSignalStore(servers.Connection, keys, Options.Create(s_options), new ItemFactsCache(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System), TimeProvider.System);

        var expected = reference.Read(query);
        var actual = await reader.ReadAsync(query, CancellationToken.None);

        Assert.True(expected.BoughtTogether.Values.Sum(l => l.Count) > 50, "the simulation should produce bought-together pairs");
        SnapshotAssert.Equal(expected, actual);
    }

    [Fact]
    public async Task Cached_lists_and_facts_answer_like_redis_at_any_query_time_and_expire_after_the_ttl()
    {
        var (keys, reference, query) = await WriteSimulatedStatisticsAsync("cached");
        var (clock, reader) = CachedReader(keys, query, listsTtl: TimeSpan.FromSeconds(1));

        SnapshotAssert.Equal(reference.Read(query), await reader.ReadAsync(query, CancellationToken.None));

        // Served from the cache (every list and fact is in it now), decayed to a later query time like the reference.
        var later = SameRequest(query, query.NowMs + (long)TimeSpan.FromDays(9).TotalMilliseconds, listLength: 1000);
        await servers.Connection.GetDatabase().KeyDeleteAsync(keys.Item(query.Seeds[0]));
        SnapshotAssert.Equal(reference.Read(later), await reader.ReadAsync(later, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False((await reader.ReadAsync(later, CancellationToken.None)).FactsOf(query.Seeds[0]).Known, "past the TTL the deleted facts are read again");
    }

    [Fact]
    public async Task A_read_after_one_that_checked_every_list_resolves_their_facts_on_use_and_checks_again_past_the_facts_ttl()
    {
        var (keys, reference, query) = await WriteSimulatedStatisticsAsync("lazy");
        var (clock, reader) = CachedReader(keys, query, listsTtl: TimeSpan.FromSeconds(10));

        var first = await reader.ReadAsync(query, CancellationToken.None);
        Assert.Null(first.FactsSource); // nothing was checked before: every product's facts are in the snapshot
        var second = await reader.ReadAsync(query, CancellationToken.None);

        // A product only the lists name: the second read did not look it up, the snapshot resolves it when asked.
        var named = query.Seeds.Concat(query.FactsFor).ToHashSet(StringComparer.Ordinal);
        var listOnly = second.BoughtTogether.Values.SelectMany(l => l).Select(i => i.ProductId)
            .First(id => !named.Contains(id) && first.FactsOf(id) is { Known: true, InStock: true });
        Assert.NotNull(second.FactsSource);
        Assert.False(second.Facts.ContainsKey(listOnly), $"{listOnly}'s facts should be resolved on first use, not read up front");
        SnapshotAssert.Equal(reference.Read(query), second);

        // A stock-out in Redis: within the facts TTL the cached facts answer; past it the lists are checked again.
        await servers.Connection.GetDatabase().HashSetAsync(keys.Item(listOnly), "stock", 0);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True((await reader.ReadAsync(query, CancellationToken.None)).FactsOf(listOnly).InStock);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterTtl = await reader.ReadAsync(query, CancellationToken.None);
        Assert.Null(afterTtl.FactsSource);
        Assert.False(afterTtl.FactsOf(listOnly).InStock, "past the facts TTL the stock-out is read");
    }

    [Fact]
    public async Task A_check_re_reads_facts_past_half_the_ttl_so_that_it_holds_for_the_other_half()
    {
        var (keys, reference, query) = await WriteSimulatedStatisticsAsync("refresh");
        var (clock, reader) = CachedReader(keys, query, listsTtl: TimeSpan.FromSeconds(10));
        await reader.ReadAsync(query, CancellationToken.None); // every fact read at t0

        // Shorter lists of the same seeds: other cache entries over the same products, never checked before.
        var shorter = SameRequest(query, query.NowMs, listLength: 20);
        clock.Advance(TimeSpan.FromSeconds(0.6));
        Assert.Null((await reader.ReadAsync(shorter, CancellationToken.None)).FactsSource);

        // t0 + 1.2 s: the facts read at t0 have expired, but the check at t0 + 0.6 s re-read those past half the TTL,
        // so it still holds and this read resolves the lists' facts on use.
        clock.Advance(TimeSpan.FromSeconds(0.6));
        var again = await reader.ReadAsync(shorter, CancellationToken.None);
        Assert.NotNull(again.FactsSource);
        // (Top-20 lists may break exact ties at the cut differently from the reference: compare the facts only.)
        var expected = reference.Read(query);
        var listed = again.BoughtTogether.Values.Concat(again.ViewedTogether.Values).SelectMany(l => l).Select(i => i.ProductId).Distinct().ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, id => Assert.Equal(expected.FactsOf(id), again.FactsOf(id), FactsComparer.Instance));
    }

    /// <summary>Facts equal, the decayed values to 1e-9 (relative).</summary>
    private sealed class FactsComparer : IEqualityComparer<ItemFacts>
    {
        public static readonly FactsComparer Instance = new();

        public bool Equals(ItemFacts x, ItemFacts y) =>
            (x.Known, x.Category, x.Price, x.InStock) == (y.Known, y.Category, y.Price, y.InStock)
            && Close(x.Popularity, y.Popularity) && Close(x.BoughtMass, y.BoughtMass) && Close(x.ViewedMass, y.ViewedMass)
            && Close(x.Purchases, y.Purchases) && Close(x.Repurchases, y.Repurchases);

        public int GetHashCode(ItemFacts obj) => 0;

        private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));
    }

    [Fact]
    public async Task Viewed_together_lists_two_years_after_the_epoch_hold_whole_number_scores_and_still_read_like_the_reference()
    {
        // ~12 association half-lives after the epoch, as a store on the default epoch is in its second year: every
        // view-pair increment (weight ≥ 1/MaxCoViews) is then at least DecayScale.WholeFrom, so stored whole.
        var options = new ItemSignalOptions { Epoch = new SimulationOptions().Start.AddDays(-720) };
        var (keys, reference, query) = await WriteSimulatedStatisticsAsync("whole", options);
        var db = servers.Connection.GetDatabase();
        var viewed = new List<double>();
        var bought = new List<double>();
        foreach (var seed in query.Seeds)
        {
            viewed.AddRange((await db.SortedSetRangeByRankWithScoresAsync(keys.ViewedTogether(seed))).Select(e => e.Score));
            bought.AddRange((await db.SortedSetRangeByRankWithScoresAsync(keys.BoughtTogether(seed))).Select(e => e.Score));
        }

        Assert.True(viewed.Count > 50, $"the simulation should produce viewed-together pairs ({viewed.Count})");
        Assert.All(viewed, score => Assert.Equal(Math.Round(score), score));
        Assert.Contains(bought, score => score == Math.Round(score));
        var reader = new RedisItemSignalStore(servers.Connection, keys, Options.Create(options), new ItemFactsCache(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System), TimeProvider.System);
        SnapshotAssert.Equal(reference.Read(query), await reader.ReadAsync(query, CancellationToken.None));
    }

    /// <summary>A reader with a facts cache of 1 s and lists of <paramref name="listsTtl"/>, on a fake clock at the query's time.</summary>
    private (FakeTimeProvider Clock, RedisItemSignalStore Reader) CachedReader(ItemSignalKeys keys, ItemSignalQuery query, TimeSpan listsTtl)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(query.NowMs));
        var cache = new ItemFactsCache(TimeSpan.FromSeconds(1), listsTtl, clock);
        return (clock, new RedisItemSignalStore(servers.Connection, keys, Options.Create(s_options), cache, clock));
    }

    /// <summary><paramref name="query"/>'s seeds, categories and products at another time, every list cut to <paramref name="listLength"/>.</summary>
    private static ItemSignalQuery SameRequest(ItemSignalQuery query, long nowMs, int listLength)
    {
        var copy = new ItemSignalQuery { NowMs = nowMs, NeighbourCount = listLength, TrendingCount = listLength, CategoryTrendingCount = listLength };
        copy.Seeds.AddRange(query.Seeds);
        copy.Categories.AddRange(query.Categories);
        copy.FactsFor.AddRange(query.FactsFor);
        return copy;
    }

    private async Task<(ItemSignalKeys Keys, InMemoryItemSignalStore Reference, ItemSignalQuery Query)> WriteSimulatedStatisticsAsync(string scope, ItemSignalOptions? options = null)
    {
        options ??= s_options;
        var keys = new ItemSignalKeys(new RedisKeys(servers.NewScope(scope).KeyPrefix), servers.Connection);
        var writer = new RedisItemSignalWriter(servers.Connection, keys, Options.Create(options));
        var reference = new InMemoryItemSignalStore(options, options.MaxNeighbours);

        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 80, Products = 120, Seed = 7 }).ToList();
        var states = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        var batch = new ItemSignalBatch();
        foreach (var chunk in events.Chunk(400))
        {
            batch.Clear();
            foreach (var e in chunk)
            {
                var state = e.Type == EventType.ProductUpserted ? new CustomerState(string.Empty) : StateOf(states, e.CustomerId);
                ItemSignalUpdate.Compute(state, e, options, batch);
                CustomerFold.Apply(state, e);
            }

            reference.Apply(batch);
            await writer.WriteAsync(batch, CancellationToken.None);
        }

        var products = events.Where(e => e.Type == EventType.ProductUpserted).Select(e => e.ProductId!).ToList();
        var categories = events.Where(e => e.Category is not null).Select(e => e.Category!).Distinct().ToList();
        var query = new ItemSignalQuery { NowMs = events.Max(e => e.OccurredAt).AddDays(3).ToUnixTimeMilliseconds(), NeighbourCount = 1000, TrendingCount = 1000, CategoryTrendingCount = 1000 };
        query.Seeds.AddRange(products.Take(25));
        query.Categories.AddRange(categories);
        query.FactsFor.AddRange(products.Skip(100));
        return (keys, reference, query);
    }

    [Fact]
    public async Task A_disposed_snapshot_lends_its_facts_map_to_the_next_read_emptied_of_the_last_calls_facts()
    {
        var keys = new ItemSignalKeys(new RedisKeys(servers.NewScope("lent").KeyPrefix), servers.Connection);
        var writer = new RedisItemSignalWriter(servers.Connection, keys, Options.Create(s_options));
        var pool = new FactsMapPool(maximumRetained: 1);
        var reader = new RedisItemSignalStore(servers.Connection, keys, Options.Create(s_options), new ItemFactsCache(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System), TimeProvider.System, pool);
        var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var batch = new ItemSignalBatch();
        batch.Catalog.Add(new CatalogFact("p1", "shoes", 10, InStock: true, at));
        batch.Catalog.Add(new CatalogFact("p2", "hats", 5, InStock: true, at));
        await writer.WriteAsync(batch, CancellationToken.None);

        var first = await reader.ReadAsync(FactsOf(at, "p1"), CancellationToken.None);
        var lent = first.Facts;
        Assert.Equal("shoes", first.FactsOf("p1").Category);
        first.Dispose();
        var second = await reader.ReadAsync(FactsOf(at, "p2"), CancellationToken.None);

        Assert.Same(lent, second.Facts);
        Assert.Equal(["p2"], second.Facts.Keys);
        Assert.Equal("hats", second.FactsOf("p2").Category);
        Assert.False(second.FactsOf("p1").Known, "the first call's facts must not leak into the second");
        Assert.False(first.FactsOf("p1").Known, "a disposed snapshot no longer reads the lent map");
    }

    [Fact]
    public async Task A_list_read_again_from_redis_names_its_products_with_the_strings_of_the_first_read()
    {
        var (keys, _, query) = await WriteSimulatedStatisticsAsync("ids");
        var reader = new RedisItemSignalStore(servers.Connection, keys, Options.Create(s_options), new ItemFactsCache(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System), TimeProvider.System, productIds: new ProductIdPool());

        var first = (await reader.ReadAsync(query, CancellationToken.None)).BoughtTogether.Values.SelectMany(l => l).ToList();
        var again = (await reader.ReadAsync(query, CancellationToken.None)).BoughtTogether.Values.SelectMany(l => l).ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(i => i.ProductId), again.Select(i => i.ProductId));
        Assert.All(first.Zip(again), pair => Assert.Same(pair.First.ProductId, pair.Second.ProductId));
    }

    private static ItemSignalQuery FactsOf(long at, string productId)
    {
        var query = new ItemSignalQuery { NowMs = at };
        query.FactsFor.Add(productId);
        return query;
    }

    [Fact]
    public async Task An_older_catalog_fact_does_not_overwrite_a_newer_one()
    {
        var keys = new ItemSignalKeys(new RedisKeys(servers.NewScope("facts").KeyPrefix), servers.Connection);
        var writer = new RedisItemSignalWriter(servers.Connection, keys, Options.Create(s_options));
        var reader = new RedisItemSignalStore(servers.Connection, keys, Options.Create(s_options), new ItemFactsCache(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System), TimeProvider.System);
        var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var batch = new ItemSignalBatch();
        batch.Catalog.Add(new CatalogFact("p1", "shoes", 10, InStock: false, at));
        await writer.WriteAsync(batch, CancellationToken.None);
        batch.Clear();
        batch.Catalog.Add(new CatalogFact("p1", null, 12, InStock: true, at - 1000));
        await writer.WriteAsync(batch, CancellationToken.None);

        var query = new ItemSignalQuery { NowMs = at };
        query.FactsFor.Add("p1");
        var facts = (await reader.ReadAsync(query, CancellationToken.None)).FactsOf("p1");
        Assert.Equal((true, "shoes", 10d, false), (facts.Known, facts.Category, facts.Price, facts.InStock));
    }

    private static CustomerState StateOf(Dictionary<string, CustomerState> states, string id)
    {
        if (!states.TryGetValue(id, out var s))
        {
            states[id] = s = new CustomerState(id);
        }

        return s;
    }
}
