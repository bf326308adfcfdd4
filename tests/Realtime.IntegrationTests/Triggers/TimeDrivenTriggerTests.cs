using Realtime.Core.Events;
using Realtime.Core.Triggers;
using static Realtime.IntegrationTests.Triggers.TriggerEvents;

namespace Realtime.IntegrationTests.Triggers;

/// <summary>The time-driven triggers on <c>realtime.triggers</c>, through Kafka and Redis, with time from the test clock.</summary>
[Collection(ServersCollection.Name)]
public sealed class TimeDrivenTriggerTests(Servers servers)
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Anniversary_birthday_and_replenishment_are_each_published_once_at_their_time_and_not_again_after_a_restart()
    {
        await using var h = new TriggerHarness(servers, "trigtime", s_t0);
        await h.StartAsync();
        h.Scope.Produce([
            Registered("a1", new DateTimeOffset(2025, 5, 20, 9, 0, 0, TimeSpan.Zero)),
            Order("a1", new DateTimeOffset(2025, 6, 2, 15, 0, 0, TimeSpan.Zero), "mug", "kitchen"),
            Registered("b1", s_t0.AddDays(-1), new MonthDay(6, 3)),
            Registered("r1", s_t0.AddDays(-30)),
            Order("r1", s_t0.AddDays(-25), "beans"),
            Order("r1", s_t0.AddDays(-5), "beans"),
        ]);

        var anniversary = new DateTimeOffset(2026, 6, 2, 10, 0, 0, TimeSpan.Zero);
        var birthday = new DateTimeOffset(2026, 6, 3, 9, 0, 0, TimeSpan.Zero);
        var replenishment = s_t0.AddDays(-5).AddDays(20 - 2); // last order + mean gap − 2 lead days
        Assert.Equal(anniversary, await h.WaitForDueAsync("a1", d => d is not null, tick: false));
        Assert.Equal(birthday, await h.WaitForDueAsync("b1", d => d is not null, tick: false));
        Assert.Equal(replenishment, await h.WaitForDueAsync("r1", d => d is not null, tick: false));

        // Not before: a minute before the anniversary, sweeps run and publish nothing.
        h.Clock.SetUtcNow(anniversary.AddMinutes(-1));
        await h.TickAsync(20);
        Assert.Empty(h.Feed.Messages);

        h.Clock.SetUtcNow(anniversary);
        Assert.True(await h.Feed.WaitUntilAsync(m => m.Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "the anniversary is published");
        var a = Assert.Single(h.Feed.Of("a1", "first_purchase_anniversary"));
        Assert.Equal("a1", a.Key);
        Assert.Equal(anniversary, a.DueAt);
        Assert.Equal(1, a.Details["years"]);
        Assert.Equal("email", a.Channel);
        Assert.Equal(TriggerOccurrence.IdOf("a1", TriggerType.Anniversary, null, new DateOnly(2026, 6, 2)), a.TriggerId);
        // The claim leases the customer (its score moves to the lease end) before the reschedule: wait for the exact time.
        Assert.Equal(anniversary.AddYears(1), await h.WaitForDueAsync("a1", d => d == anniversary.AddYears(1), tick: false));

        h.Clock.SetUtcNow(birthday.AddSeconds(1));
        Assert.True(await h.Feed.WaitUntilAsync(m => h.Feed.Of("b1", "birthday").Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "the birthday is published");
        Assert.Equal(birthday, h.Feed.Of("b1", "birthday")[0].DueAt);

        h.Clock.SetUtcNow(replenishment.AddSeconds(1));
        Assert.True(await h.Feed.WaitUntilAsync(m => h.Feed.Of("r1", "replenishment_due").Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "the replenishment is published");
        var r = h.Feed.Of("r1", "replenishment_due")[0];
        Assert.Equal("beans", r.ProductId);
        Assert.Equal(20, r.Details["gap_days"]);
        Assert.Equal(2, r.Details["orders"]);

        // Not again: more sweeps over the next days, then a restart, publish nothing new.
        h.Clock.Advance(TimeSpan.FromDays(2));
        await h.TickAsync(20);
        await h.RestartAsync();
        await h.TickAsync(30);
        Assert.Equal(3, h.Feed.Messages.Count);
        Assert.Equal(3, h.Feed.Messages.Select(m => m.TriggerId).Distinct().Count());
    }
}
