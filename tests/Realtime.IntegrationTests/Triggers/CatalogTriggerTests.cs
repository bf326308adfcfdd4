using StackExchange.Redis;
using static Realtime.IntegrationTests.Triggers.TriggerEvents;

namespace Realtime.IntegrationTests.Triggers;

/// <summary>Back in stock, price drop and new in category: catalog changes from <c>product_upserted</c> fanned out to the interested customers.</summary>
[Collection(ServersCollection.Name)]
public sealed class CatalogTriggerTests(Servers servers)
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Back_in_stock_and_price_drop_reach_the_customers_who_carted_or_viewed_the_product_once_each()
    {
        // A budget of 5 a day: this test is about the fan-out, not about the daily budget.
        await using var h = new TriggerHarness(servers, "trigstock", s_t0, ("Triggers:MaxContactsPerDay", "5"));
        await h.StartAsync();
        h.Scope.Produce([
            Upserted("lamp", s_t0.AddHours(-3), "garden", 100, inStock: false),
            Registered("v1", s_t0.AddDays(-20)),
            Registered("c1", s_t0.AddDays(-20)),
            Registered("old", s_t0.AddDays(-40)),
            Viewed("v1", s_t0.AddHours(-2), "lamp", "garden"),
            Carted("c1", s_t0.AddHours(-1), "lamp", "garden"),
            Viewed("old", s_t0.AddDays(-30), "lamp", "garden"), // outside the 14-day lookback
            Viewed("v1", s_t0.AddHours(-2), "other", "garden"),
        ]);
        var db = servers.Connection.GetDatabase();
        var interest = $"{h.Scope.KeyPrefix}:trig:seen:{{p:lamp}}";
        Assert.True(await PollAsync(async () => await db.SortedSetLengthAsync(interest) == 3), "views and carts indexed");

        h.Scope.Produce([Upserted("lamp", s_t0.AddMinutes(-30), "garden", 100, inStock: true)]);
        Assert.True(await h.Feed.WaitUntilAsync(m => m.Count(x => x.Type == "back_in_stock") == 2, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "back in stock published");
        Assert.Equal(["c1", "v1"], h.Feed.Messages.Where(m => m.Type == "back_in_stock").Select(m => m.CustomerId).Order());
        Assert.All(h.Feed.Messages, m => Assert.Equal("lamp", m.ProductId));

        // 15 % cheaper: a price drop (the 10 % threshold); then 5 % more: below the threshold, nothing.
        h.Scope.Produce([Upserted("lamp", s_t0.AddMinutes(-20), "garden", 85, inStock: true), Upserted("lamp", s_t0.AddMinutes(-10), "garden", 81, inStock: true)]);
        Assert.True(await h.Feed.WaitUntilAsync(m => m.Count(x => x.Type == "price_drop") == 2, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "price drop published");
        var drop = h.Feed.Of("v1", "price_drop").Single();
        Assert.Equal(100, drop.Details["old_price"]);
        Assert.Equal(85, drop.Details["new_price"]);
        Assert.Equal(15, drop.Details["drop_percent"]);

        // A redelivered upsert (same time) changes nothing; nor do more sweeps or a restart.
        h.Scope.Produce([Upserted("lamp", s_t0.AddMinutes(-30), "garden", 100, inStock: true)]);
        await h.TickAsync(10);
        await h.RestartAsync();
        await h.TickAsync(20);
        Assert.Equal(4, h.Feed.Messages.Count);
        Assert.DoesNotContain(h.Feed.Messages, m => m.CustomerId == "old");
    }

    [Fact]
    public async Task A_new_product_reaches_the_customers_with_its_category_among_their_top_categories()
    {
        await using var h = new TriggerHarness(servers, "trignew", s_t0);
        await h.StartAsync();
        h.Scope.Produce([
            Registered("k1", s_t0.AddDays(-20)),
            Order("k1", s_t0.AddDays(-10), "green", "tea"),
            Registered("k2", s_t0.AddDays(-20)),
            Order("k2", s_t0.AddDays(-10), "drill", "tools"),
        ]);
        var db = servers.Connection.GetDatabase();
        Assert.True(await PollAsync(async () => await db.SortedSetLengthAsync($"{h.Scope.KeyPrefix}:trig:cat:{{k:tea}}") == 1
            && await db.SortedSetLengthAsync($"{h.Scope.KeyPrefix}:trig:cat:{{k:tools}}") == 1), "categories indexed");

        h.Scope.Produce([Upserted("oolong", s_t0.AddMinutes(-5), "tea", 9, inStock: true)]);
        Assert.True(await h.Feed.WaitUntilAsync(m => m.Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "new in category published");
        var m = Assert.Single(h.Feed.Messages);
        Assert.Equal(("k1", "new_in_category", "oolong", "tea"), (m.CustomerId, m.Type, m.ProductId, m.Category));

        // The same product upserted again is no longer new.
        h.Scope.Produce([Upserted("oolong", s_t0.AddMinutes(-1), "tea", 9, inStock: true)]);
        await h.TickAsync(20);
        Assert.Single(h.Feed.Messages);
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
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
