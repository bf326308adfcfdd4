using Realtime.Core.Triggers;
using Realtime.Redis;

namespace Realtime.IntegrationTests.Triggers;

/// <summary>The capped fan-out indexes (<see cref="RedisTriggerScripts.CappedIndex"/>): latest time per member, the cap most recent members, a TTL.</summary>
[Collection(ServersCollection.Name)]
public sealed class TriggerIndexTests(Servers servers)
{
    private static readonly TimeSpan s_keepFor = TimeSpan.FromDays(90);

    [Fact]
    public async Task A_write_of_more_pairs_than_one_chunk_keeps_the_cap_most_recent_members()
    {
        var scope = servers.NewScope("trigindex");
        var keys = new RedisTriggerKeys(scope.KeyPrefix);
        var triggers = new RedisTriggerStore(servers.Connection, keys);
        // 1,300 members (more than the script's 500 pairs per ZADD), cap 1,000: the 300 oldest go, whichever chunk held them.
        var entries = Enumerable.Range(0, 1300).Select(i => new TriggerIndexEntry("garden", $"c{i}", 1_000 + ((i * 7919) % 1300))).ToList();

        await triggers.RecordCategoryMembersAsync(entries, cap: 1000, s_keepFor, CancellationToken.None);

        var kept = await triggers.CategoryMembersAsync("garden", 2000, CancellationToken.None);
        var expected = entries.OrderByDescending(e => e.AtMs).Take(1000).Select(e => e.CustomerId).ToList();
        Assert.Equal(expected, kept);
        var ttl = await servers.Connection.GetDatabase().KeyTimeToLiveAsync(keys.Category("garden"));
        Assert.InRange(ttl!.Value, s_keepFor - TimeSpan.FromMinutes(1), s_keepFor);
    }

    [Fact]
    public async Task A_member_keeps_its_latest_time_across_writes_and_within_one()
    {
        var scope = servers.NewScope("trigindexgt");
        var triggers = new RedisTriggerStore(servers.Connection, new RedisTriggerKeys(scope.KeyPrefix));
        await triggers.RecordInterestAsync([new("lamp", "a", 5_000), new("lamp", "b", 5_000)], cap: 10, s_keepFor, CancellationToken.None);

        // a older (ignored), b newer (moves), c new; c's two entries in one write count once, with the later time.
        await triggers.RecordInterestAsync([new("lamp", "a", 1_000), new("lamp", "b", 9_000), new("lamp", "c", 2_000), new("lamp", "c", 7_000)], cap: 10, s_keepFor, CancellationToken.None);

        Assert.Equal(["b", "c", "a"], await triggers.InterestedAsync("lamp", 0, 10, CancellationToken.None));
        Assert.Equal(["b", "c"], await triggers.InterestedAsync("lamp", 6_000, 10, CancellationToken.None));
    }
}
