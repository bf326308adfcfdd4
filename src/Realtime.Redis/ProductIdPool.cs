using System.Collections.Concurrent;
using System.Text;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// One string per product id for the lists Recommend reads. Every re-read of a cached list (each at most every
/// <c>ListsCacheMilliseconds</c>) made a new string per entry, and the list cache kept them for those 10 s: exactly
/// the mid-life objects a generational collector copies into its old generation and then has to collect there
/// (dotnet-counters under the serve mix: the API's old generation grew ~3 MB/s, with a full collection every ~5 s).
/// Looked up by the reply's bytes, a known id costs no allocation. The pool starts afresh past
/// <see cref="MaxEntries"/> ids (a bound on memory, not on correctness: a string is only ever equal to itself).
/// </summary>
public sealed class ProductIdPool
{
    /// <summary>Ids kept before the pool starts afresh (~100 B each).</summary>
    public const int MaxEntries = 500_000;

    /// <summary>Longer ids (not produced by this engine's validation) are not pooled.</summary>
    private const int MaxPooledBytes = 256;

    private volatile ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);
    private int _added;

    /// <summary>The pool of every store not given its own.</summary>
    public static ProductIdPool Shared { get; } = new();

    /// <summary>The pooled string equal to <paramref name="value"/>'s UTF-8 text.</summary>
    public string Intern(RedisValue value)
    {
        if (value.IsNull || value.Length() is 0 or > MaxPooledBytes)
        {
            return (string)value!;
        }

        Span<byte> bytes = stackalloc byte[MaxPooledBytes];
        bytes = bytes[..value.CopyTo(bytes)];
        Span<char> chars = stackalloc char[MaxPooledBytes];
        chars = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        var ids = _ids;
        if (ids.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var pooled))
        {
            return pooled;
        }

        var id = new string(chars);
        if (ids.TryAdd(id, id) && Interlocked.Increment(ref _added) >= MaxEntries)
        {
            Volatile.Write(ref _added, 0);
            _ids = new(StringComparer.Ordinal);
        }

        return id;
    }
}
