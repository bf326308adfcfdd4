using Microsoft.Extensions.Time.Testing;
using Realtime.Host;
using Realtime.Redis;
using StackExchange.Redis;
using static Realtime.IntegrationTests.LifecycleEvents;

namespace Realtime.IntegrationTests;

/// <summary>Segment changes on <c>realtime.segments</c>, from events (ingest) and from time passing (the sweeper).</summary>
[Collection(ServersCollection.Name)]
public class SegmentPublicationTests(Servers servers)
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Events_publish_each_segment_entered_once_and_time_moves_a_cart_into_cart_abandoner()
    {
        var scope = servers.NewScope("segpub");
        var clock = new FakeTimeProvider(s_t0);
        using var feed = new SegmentFeed(servers, scope);
        await using var engine = scope.BuildEngine(AppMode.Ingest, clock);
        await engine.StartAsync();
        var at = s_t0.AddMinutes(-10);
        scope.Produce([Registered("n1", at), Registered("b1", at), Order("b1", at.AddMinutes(1), 50), AddToCart("c1", at.AddMinutes(2))]);

        var messages = await feed.WaitUntilAsync(
            m => Count(m, "n1", "new", "entered") == 1 && Count(m, "b1", "first_time_buyer", "entered") == 1 && Count(m, "c1", "new", "entered") == 1,
            s_timeout);
        Assert.Equal(1, Count(messages, "n1", "new", "entered"));
        Assert.Equal(1, Count(messages, "b1", "first_time_buyer", "entered"));
        Assert.All(messages, m => Assert.Equal(m.CustomerId, m.Key));
        Assert.Equal(["first_time_buyer"], messages.Last(m => m.CustomerId == "b1").Segments);

        // c1's cart was last touched at t0 - 8 min: abandoned at t0 + 52 min, found by the sweeper, not by an event.
        Assert.Equal(0, Count(messages, "c1", "cart_abandoner", "entered"));
        clock.Advance(TimeSpan.FromMinutes(50));
        messages = await feed.WaitUntilAsync(m => Count(m, "c1", "cart_abandoner", "entered") == 1, s_timeout, () => clock.Advance(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, Count(messages, "c1", "cart_abandoner", "entered"));
        Assert.Equal(["new", "cart_abandoner"], messages.Last(m => m.CustomerId == "c1").Segments);
        AssertAlternates(messages);
        await engine.StopAsync();
    }

    [Fact]
    public async Task Two_sweepers_publish_each_time_driven_transition_exactly_once()
    {
        var scope = servers.NewScope("sweep2");
        var clock = new FakeTimeProvider(s_t0);
        using var feed = new SegmentFeed(servers, scope);
        await using var a = scope.BuildEngine(AppMode.Ingest, clock);
        await using var b = scope.BuildEngine(AppMode.Ingest, clock);
        await a.StartAsync();
        await b.StartAsync();
        var ids = Enumerable.Range(0, 40).Select(i => $"s{i:00}").ToList();
        scope.Produce(ids.SelectMany(id => new[] { Registered(id, s_t0.AddDays(-2)), Order(id, s_t0.AddDays(-1), 40), AddToCart(id, s_t0.AddMinutes(-5)) }));
        await feed.WaitUntilAsync(m => ids.All(id => Count(m, id, "first_time_buyer", "entered") == 1), s_timeout);
        var due = servers.Connection.GetDatabase();
        // On a cluster the due index is sharded: the customers' own sets.
        var schedule = new RedisSegmentSchedule(servers.Connection, new RedisKeys(scope.KeyPrefix));
        var dueKeys = ids.Select(schedule.KeyOf).Distinct().ToList();
        Assert.True(await PollAsync(async () => (await Task.WhenAll(dueKeys.Select(k => due.SortedSetLengthAsync(k)))).Sum() == ids.Count), "every customer is scheduled");

        // Cart abandoned at t0 + 55 min.
        clock.Advance(TimeSpan.FromMinutes(56));
        var messages = await feed.WaitUntilAsync(m => ids.All(id => Count(m, id, "cart_abandoner", "entered") >= 1), s_timeout, () => clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.True(await PollAsync(async () => await NothingDueAsync(due, dueKeys, clock)), "sweeps finished");
        messages = feed.Messages;
        Assert.All(ids, id => Assert.Equal(1, Count(messages, id, "cart_abandoner", "entered")));

        // Overdue (at_risk) at the last order + 1.5 × 45 days = t0 + 66.5 days; the cart went stale after 14 days.
        clock.Advance(TimeSpan.FromDays(67));
        await feed.WaitUntilAsync(m => ids.All(id => Count(m, id, "at_risk", "entered") >= 1), s_timeout, () => clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.True(await PollAsync(async () => await NothingDueAsync(due, dueKeys, clock)), "sweeps finished");
        messages = feed.Messages;
        Assert.All(ids, id =>
        {
            Assert.Equal(1, Count(messages, id, "at_risk", "entered"));
            Assert.Equal(1, Count(messages, id, "first_time_buyer", "left"));
            Assert.Equal(1, Count(messages, id, "cart_abandoner", "left"));
            Assert.Equal(["at_risk"], messages.Last(m => m.CustomerId == id).Segments);
        });
        Assert.Equal(messages.Count, messages.Select(m => m.ChangeId).Distinct().Count());
        AssertAlternates(messages);
        await a.StopAsync();
        await b.StopAsync();
    }

    internal static int Count(List<SegmentMessage> messages, string customer, string segment, string change) =>
        messages.Count(m => m.CustomerId == customer && m.Segment == segment && m.Change == change);

    /// <summary>Per customer and segment, changes alternate entered, left, entered... (never entered twice in a row).</summary>
    internal static void AssertAlternates(List<SegmentMessage> messages)
    {
        foreach (var g in messages.GroupBy(m => (m.CustomerId, m.Segment)))
        {
            var expected = "entered";
            foreach (var m in g)
            {
                Assert.True(m.Change == expected, $"{g.Key.CustomerId}/{g.Key.Segment}: {string.Join(",", g.Select(x => x.Change))}");
                expected = expected == "entered" ? "left" : "entered";
            }
        }
    }

    private static async Task<bool> NothingDueAsync(IDatabase db, List<string> keys, FakeTimeProvider clock) =>
        (await Task.WhenAll(keys.Select(k => db.SortedSetLengthAsync(k, double.NegativeInfinity, clock.GetUtcNow().ToUnixTimeMilliseconds())))).Sum() == 0;

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
