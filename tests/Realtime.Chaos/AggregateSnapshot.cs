using System.Globalization;
using StackExchange.Redis;

namespace Realtime.Chaos;

/// <summary>
/// Everything under the key prefix except the customers' own hashes: item statistics (co-occurrence, popularity,
/// purchase counters), lifecycle counters (<c>summary</c>), offer statistics. Flattened to <c>key field → value</c>
/// so a run can be compared with a fault-free reference run of the same valid stream.
/// </summary>
internal sealed class AggregateSnapshot(SortedDictionary<string, string> entries)
{
    public IReadOnlyDictionary<string, string> Entries => entries;

    public static async Task<AggregateSnapshot> TakeAsync(IConnectionMultiplexer redis, string prefix)
    {
        var db = redis.GetDatabase();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*", pageSize: 1000))
        {
            var name = (string)key!;
            if (IsExcluded(name, prefix))
            {
                continue;
            }

            switch (await db.KeyTypeAsync(key))
            {
                case RedisType.Hash:
                    foreach (var e in await db.HashGetAllAsync(key))
                    {
                        if (!IsSegmentCounter(name, e.Name!, prefix))
                        {
                            entries[$"{name} {e.Name}"] = e.Value!;
                        }
                    }

                    break;
                case RedisType.SortedSet:
                    foreach (var e in await db.SortedSetRangeByRankWithScoresAsync(key))
                    {
                        entries[$"{name} {e.Element}"] = e.Score.ToString("R", CultureInfo.InvariantCulture);
                    }

                    break;
                case RedisType.String:
                    entries[name] = (string?)await db.StringGetAsync(key) ?? "";
                    break;
                default:
                    entries[name] = "(other type)";
                    break;
            }
        }

        return new AggregateSnapshot(Normalized(entries, prefix));
    }

    /// <summary>
    /// Entries that differ from <paramref name="reference"/>: numbers within a relative 1e-6 (HINCRBYFLOAT sums in batch
    /// order), CLV sums within 1e-3 (a customer's CLV moves with the clock between the two runs).
    /// </summary>
    public List<string> DifferencesFrom(AggregateSnapshot reference)
    {
        // A counter field at zero and an absent one mean the same: batches cut elsewhere add and remove a contribution
        // that one batch never adds.
        var diffs = new List<string>();
        foreach (var (k, want) in reference.Entries)
        {
            if (!entries.TryGetValue(k, out var got))
            {
                if (Number(want) != 0)
                {
                    diffs.Add($"{k}: missing (expected {want})");
                }
            }
            else if (!Same(want, got, k.EndsWith(":clv", StringComparison.Ordinal) ? 1e-3 : 1e-6))
            {
                diffs.Add($"{k}: {got} (expected {want})");
            }
        }

        diffs.AddRange(entries.Keys.Where(k => !reference.Entries.ContainsKey(k) && Number(entries[k]) != 0).Select(k => $"{k}: unexpected {entries[k]}"));
        return diffs;
    }

    /// <summary>
    /// Folds together what depends on when the population's RFM histograms were last refreshed (a wall-clock timer), not
    /// on the events: the per-segment split of offer statistics.
    /// </summary>
    private static SortedDictionary<string, string> Normalized(SortedDictionary<string, string> raw, string prefix)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in raw)
        {
            var key = k;
            if (k.StartsWith(prefix + ":summary:", StringComparison.Ordinal))
            {
                // Which counter shard a batch added to depends on its id: the sum over the shards is what must match.
                key = prefix + ":summary" + k[k.IndexOf(' ', StringComparison.Ordinal)..];
            }
            else if (k.StartsWith(prefix + ":offers:stats ", StringComparison.Ordinal) && k.LastIndexOf(':') > k.IndexOf(' ', StringComparison.Ordinal))
            {
                key = k[..k.LastIndexOf(':')] + ":(any segment)";
            }

            merged[key] = merged.TryGetValue(key, out var before) && Number(before) is { } a && Number(v) is { } b
                ? (a + b).ToString("R", CultureInfo.InvariantCulture)
                : v;
        }

        return merged;
    }

    // Segment counters move with the wall clock between two runs; SegmentCounterCheck recounts them within each run.
    private static bool IsSegmentCounter(string key, string field, string prefix) =>
        key.StartsWith(prefix + ":summary", StringComparison.Ordinal) && field.StartsWith("seg:", StringComparison.Ordinal);

    private static double? Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : null;

    // Customers (compared one by one elsewhere), due times of segments and of triggers (wall-clock driven: computed
    // against the worker's now, and an earlier wake-up is harmless — the sweeper re-evaluates), the CLV model and its lease (refit timer),
    // and the members of the capped neighbour lists (bought/viewed together, category popularity): once a list passes
    // its cap, which tail members survive a trim depends on where batches began and ended. Their owners' masses (in the
    // item hashes), the purchase counters and the global trending set are additive and compared exactly. Applied
    // watermarks and counter guards are ingest's own bookkeeping (offsets differ when the stream holds poison records).
    private static bool IsExcluded(string key, string prefix) =>
        key.Contains(":{c:", StringComparison.Ordinal)
        || key.Contains(":{wm:", StringComparison.Ordinal)
        || key.Contains(":once:", StringComparison.Ordinal)
        || key == prefix + ":due"
        || key == prefix + ":trig:due"
        || key.StartsWith(prefix + ":clv:", StringComparison.Ordinal)
        || key.StartsWith(prefix + ":bt:", StringComparison.Ordinal)
        || key.StartsWith(prefix + ":vt:", StringComparison.Ordinal)
        || key.StartsWith(prefix + ":popc:", StringComparison.Ordinal);

    private static bool Same(string a, string b, double tolerance)
    {
        if (a == b)
        {
            return true;
        }

        if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
        }

        return false;
    }
}
