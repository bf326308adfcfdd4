using Realtime.Core.Events;
using Realtime.Grpc.V1;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public sealed class OfferLearningTests(Servers servers)
{
    [Fact]
    public async Task Offer_shown_and_redeemed_events_move_the_statistics_and_the_budget()
    {
        await using var engine = await OfferEngine.StartAsync(servers, "learn");
        var id = OfferEngine.CustomerId("learn", holdout: false);
        var now = DateTimeOffset.UtcNow;

        // Shown then redeemed in one batch: each event must be judged on its own pre-event state.
        engine.Scope.Produce(
        [
            OfferEngine.Order(id, now.AddDays(-10)),
            OfferEngine.Event(EventType.OfferShown, id, now.AddHours(-2), "second_purchase_10", channel: "email"),
            OfferEngine.Event(EventType.OfferRedeemed, id, now.AddHours(-1), "second_purchase_10", channel: "email"),
        ]);
        Assert.True(await OfferEngine.UntilAsync(async () => (await engine.StatsAsync()).GetValueOrDefault("redeemed:second_purchase_10:first_time_buyer") == 1));
        var stats = await engine.StatsAsync();
        Assert.Equal(1, stats["shown:second_purchase_10:first_time_buyer"]);
        Assert.Equal(1, stats["treated:second_purchase_10"]);

        // The order that uses the code converts the treated exposure; the redemption is not counted twice.
        engine.Scope.Produce([OfferEngine.Order(id, now.AddMinutes(-30), total: 60, offerId: "second_purchase_10")]);
        Assert.True(await OfferEngine.UntilAsync(async () => (await engine.StatsAsync()).GetValueOrDefault("treated_conv:second_purchase_10") == 1));
        stats = await engine.StatsAsync();
        Assert.Equal(1, stats["redeemed:second_purchase_10:first_time_buyer"]);
        var budget = await engine.Redis.HashGetAllAsync(engine.BudgetKey);
        Assert.Equal(1, (long)budget.Single(e => e.Name == "second_purchase_10:redemptions").Value);
        Assert.Equal(8.0, (double)budget.Single(e => e.Name == "second_purchase_10:spend").Value, 6); // 10 % of an 80 AOV
    }

    [Fact]
    public async Task Holdout_exposures_and_conversions_feed_the_uplift_report()
    {
        await using var engine = await OfferEngine.StartAsync(servers, "uplift");
        var held = OfferEngine.CustomerId("uplift", holdout: true);
        var treated = OfferEngine.CustomerId("uplift", holdout: false);
        var now = DateTimeOffset.UtcNow;
        engine.Scope.Produce([OfferEngine.Order(held, now.AddDays(-10)), OfferEngine.Order(treated, now.AddDays(-10))]);
        Assert.True(await engine.WaitForStateAsync(held, s => s.OrderCount == 1));

        var withheld = await engine.Offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = held, Channel = "email" });
        Assert.True(withheld.Holdout);
        var offer = withheld.WouldHaveOfferId;
        Assert.StartsWith("second_purchase", offer, StringComparison.Ordinal);
        Assert.True(await engine.Redis.KeyExistsAsync($"{engine.Scope.KeyPrefix}:{{c:{held}}}:hx"));

        Assert.Equal(1, (await engine.StatsAsync()).GetValueOrDefault("holdout:" + offer));

        // Conversions are orders after the exposure (the holdout's exposure is the decision's time).
        var after = withheld.DecidedAt.ToDateTimeOffset();
        engine.Scope.Produce(
        [
            OfferEngine.Event(EventType.OfferShown, treated, after, offer, channel: "email"),
            OfferEngine.Order(treated, after.AddSeconds(1)),
            OfferEngine.Order(held, after.AddSeconds(1)),
        ]);
        Assert.True(await OfferEngine.UntilAsync(async () =>
        {
            var s = await engine.StatsAsync();
            return s.GetValueOrDefault("holdout_conv:" + offer) == 1 && s.GetValueOrDefault("treated_conv:" + offer) == 1;
        }));

        var report = await engine.Offers.GetOfferUpliftAsync(new GetOfferUpliftRequest());
        var row = Assert.Single(report.Offers, o => o.OfferId == offer);
        Assert.Equal(1, row.Treated);
        Assert.Equal(1, row.TreatedConverted);
        Assert.Equal(1, row.Holdout);
        Assert.Equal(1, row.HoldoutConverted);
        Assert.Equal(0, row.Uplift, 6);
    }
}
