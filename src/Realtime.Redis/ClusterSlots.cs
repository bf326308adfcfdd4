using System.Text;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Redis Cluster's key → slot function (CRC16/XMODEM of the hash tag, or of the whole key without one, mod 16384) and
/// the primaries' slot ranges as the client last saw them, so the engine can name keys that land where it wants.
/// </summary>
public static class ClusterSlots
{
    public const int Count = 16384;

    /// <summary>The slot of <paramref name="key"/>: only the part inside the first non-empty <c>{…}</c> counts.</summary>
    public static int Of(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                key = key[(open + 1)..close];
            }
        }

        ushort crc = 0;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            crc ^= (ushort)(b << 8);
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }
        }

        return crc % Count;
    }

    /// <summary>
    /// A hash tag for shard <paramref name="shard"/> of <paramref name="shards"/>: the first <c>&lt;name&gt;&lt;shard&gt;.&lt;j&gt;</c>
    /// whose slot falls in the shard-th equal part of the slot space. On a cluster whose primaries hold equal ranges
    /// (what <c>redis-cli --cluster create</c> makes) such shards split evenly over the primaries; a plain
    /// <c>name:k</c> would land wherever CRC16 puts it.
    /// </summary>
    public static string SpreadTag(string name, int shard, int shards)
    {
        var width = Count / shards;
        for (var j = 0; ; j++)
        {
            var tag = $"{name}{shard}.{j}";
            if (Of(tag) / width == shard)
            {
                return tag;
            }
        }
    }

    /// <summary>
    /// The slot ranges of each primary, or an empty list when <paramref name="redis"/> is not a cluster (one Redis
    /// holds everything).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SlotRange>> PrimaryRanges(IConnectionMultiplexer redis)
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.ServerType != ServerType.Cluster || !server.IsConnected || server.ClusterConfiguration is not { } config)
            {
                continue;
            }

            return config.Nodes.Where(n => !n.IsReplica && n.Slots.Count > 0).OrderBy(n => n.Slots[0].From)
                .Select(n => (IReadOnlyList<SlotRange>)n.Slots).ToList();
        }

        return [];
    }

    /// <summary>
    /// One hash tag per primary (<c>base:n&lt;i&gt;</c> for the smallest i that lands on it), so keys named with them
    /// put one copy on every primary. Empty when not a cluster.
    /// </summary>
    public static IReadOnlyList<string> TagPerPrimary(IConnectionMultiplexer redis, string tagBase)
    {
        var ranges = PrimaryRanges(redis);
        var tags = new string?[ranges.Count];
        var found = 0;
        for (var i = 0; found < ranges.Count && i < 100_000; i++)
        {
            var tag = $"{tagBase}:n{i}";
            var slot = Of(tag);
            var owner = IndexOf(ranges, slot);
            if (owner >= 0 && tags[owner] is null)
            {
                tags[owner] = tag;
                found++;
            }
        }

        return tags.Where(t => t is not null).Select(t => t!).ToList();
    }

    private static int IndexOf(IReadOnlyList<IReadOnlyList<SlotRange>> ranges, int slot)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            foreach (var r in ranges[i])
            {
                if (slot >= r.From && slot <= r.To)
                {
                    return i;
                }
            }
        }

        return -1;
    }
}
