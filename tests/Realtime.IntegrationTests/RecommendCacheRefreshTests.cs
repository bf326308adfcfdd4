using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Recommendations;
using Realtime.Redis;

namespace Realtime.IntegrationTests;

/// <summary>
/// Recommend's read-side caches over a real redis-server: the cached neighbour lists (and the similarities the ranker
/// pre-scores for them) answer until their TTL, then changed item statistics show, scored as a fresh read would.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RecommendCacheRefreshTests(Servers servers)
{
    private static readonly ItemSignalOptions s_options = new();
    private static readonly RecommendationOptions s_ranking = new() { MaxPerCategory = 0 };
    private static readonly long s_at = s_options.Epoch.AddDays(40).ToUnixTimeMilliseconds();

    [Fact]
    public async Task Cached_candidate_lists_are_rescored_once_changed_item_statistics_are_read_again()
    {
        var keys = new ItemSignalKeys(new RedisKeys(servers.NewScope("recs-refresh").KeyPrefix));
        var writer = new RedisItemSignalWriter(servers.Connection, keys, Options.Create(s_options));
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(s_at));
        var cached = Reader(keys, new ItemFactsCache(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), clock), clock);
        var uncached = Reader(keys, new ItemFactsCache(TimeSpan.Zero, TimeSpan.Zero, clock), clock);

        // "ctx" is bought with a (often) and b (less); a is also bought with much else, which damps its similarity.
        await writer.WriteAsync(Pairs(("ctx", "a", 6), ("ctx", "b", 3), ("a", "z", 4)), CancellationToken.None);
        var before = await RankAsync(cached);
        Assert.Equal(["a", "b"], before.Select(r => r.ProductId));

        // b becomes ctx's strongest companion; a also gains mass elsewhere, so both similarities change.
        await writer.WriteAsync(Pairs(("ctx", "b", 30), ("a", "y", 40)), CancellationToken.None);
        Assert.Equal(before, await RankAsync(cached)); // within the TTL: the cached lists and their similarities

        clock.Advance(TimeSpan.FromSeconds(1.5));
        var after = await RankAsync(cached);
        var fresh = await RankAsync(uncached);
        Assert.Equal(["b", "a"], after.Select(r => r.ProductId));
        Assert.Equal(fresh.Select(r => (r.ProductId, r.Reason)), after.Select(r => (r.ProductId, r.Reason)));
        for (var i = 0; i < fresh.Count; i++)
        {
            Assert.Equal(fresh[i].Score, after[i].Score, 1e-9);
        }
    }

    private RedisItemSignalStore Reader(ItemSignalKeys keys, ItemFactsCache cache, TimeProvider clock) =>
        new(servers.Connection, keys, Options.Create(s_options), cache, clock);

    private static async Task<List<Recommendation>> RankAsync(RedisItemSignalStore reader)
    {
        var request = new RecommendationRequest { ContextProductId = "ctx", Count = 5 };
        var snapshot = await reader.ReadAsync(RecommendationPlanner.Plan(request, null, s_ranking, s_at), CancellationToken.None);
        return RecommendationRanker.Rank(request, null, snapshot, s_ranking, s_at);
    }

    /// <summary>Symmetric bought-together co-occurrences (each pair counted both ways, as an order would).</summary>
    private static ItemSignalBatch Pairs(params (string A, string B, int Times)[] pairs)
    {
        var batch = new ItemSignalBatch();
        foreach (var (a, b, times) in pairs)
        {
            for (var i = 0; i < times; i++)
            {
                batch.Increments.Add(new SignalIncrement(SignalKind.BoughtTogether, a, b, 1, s_at));
                batch.Increments.Add(new SignalIncrement(SignalKind.BoughtTogether, b, a, 1, s_at));
            }
        }

        return batch;
    }
}
