using System.Runtime.CompilerServices;
using Prometheus;
using Realtime.Core.Audiences;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Named audiences in Redis: per audience a set of members, a staging set, its generation and a lease, all under the
/// hash tag <c>{aud:&lt;name&gt;}</c> (one slot in a cluster, so the commit's RENAME and the differences work). The
/// differences are stored (SDIFFSTORE) and read back with SSCAN, so no set is ever read whole.
/// </summary>
public sealed class RedisAudienceMembership(IConnectionMultiplexer redis, RedisKeys keys) : IAudienceMembership
{
    private const int PageSize = 500;

    // KEYS: staging, members, generation. Makes staging the members (an empty staging set empties them) and counts.
    private const string CommitScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[2]) else redis.call('DEL', KEYS[2]) end
        return redis.call('INCR', KEYS[3])
        """;

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly string _owner = Guid.NewGuid().ToString("N");

    public async Task<bool> TryLeaseAsync(string audience, TimeSpan duration, CancellationToken cancellationToken) =>
        await _db.StringSetAsync(Key(audience, "lease"), _owner, duration, When.NotExists).WaitAsync(cancellationToken);

    public async Task<long> GenerationAsync(string audience, CancellationToken cancellationToken) =>
        (long?)await _db.StringGetAsync(Key(audience, "generation")).WaitAsync(cancellationToken) ?? 0;

    public Task ClearStagingAsync(string audience, CancellationToken cancellationToken) =>
        _db.KeyDeleteAsync(Key(audience, "staging")).WaitAsync(cancellationToken);

    public async Task StageAsync(string audience, IReadOnlyList<string> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count > 0)
        {
            using (RedisMetrics.RoundTrip.WithLabels("stage_audience").NewTimer())
            {
                await _db.SetAddAsync(Key(audience, "staging"), [.. customerIds.Select(id => (RedisValue)id)]).WaitAsync(cancellationToken);
            }
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<(string CustomerId, bool Joined)>> ChangesAsync(string audience, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (staging, members) = (Key(audience, "staging"), Key(audience, "members"));
        foreach (var joined in new[] { true, false })
        {
            var diff = Key(audience, joined ? "joined" : "left");
            await _db.SetCombineAndStoreAsync(SetOperation.Difference, diff, joined ? staging : members, joined ? members : staging).WaitAsync(cancellationToken);
            var page = new List<(string, bool)>(PageSize);
            await foreach (var id in _db.SetScanAsync(diff, pageSize: PageSize).WithCancellation(cancellationToken))
            {
                page.Add(((string)id!, joined));
                if (page.Count == PageSize)
                {
                    yield return page;
                    page = new List<(string, bool)>(PageSize);
                }
            }

            if (page.Count > 0)
            {
                yield return page;
            }

            await _db.KeyDeleteAsync(diff).WaitAsync(cancellationToken);
        }
    }

    public Task CommitAsync(string audience, CancellationToken cancellationToken) =>
        _db.ScriptEvaluateAsync(CommitScript, [Key(audience, "staging"), Key(audience, "members"), Key(audience, "generation")]).WaitAsync(cancellationToken);

    private string Key(string audience, string part) => $"{keys.Prefix}:{{aud:{audience}}}:{part}";
}
