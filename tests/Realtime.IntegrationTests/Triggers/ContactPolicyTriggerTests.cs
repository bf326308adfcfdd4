using Grpc.Net.Client;
using Realtime.Core.Events;
using Realtime.Core.Offers;
using Realtime.Grpc.V1;
using Realtime.Host;
using static Realtime.IntegrationTests.Triggers.TriggerEvents;

namespace Realtime.IntegrationTests.Triggers;

/// <summary>Quiet hours, unsubscribes and the contact budget shared with offers, on <c>realtime.triggers</c>.</summary>
[Collection(ServersCollection.Name)]
public sealed class ContactPolicyTriggerTests(Servers servers)
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_trigger_due_in_quiet_hours_is_deferred_to_their_end_not_dropped()
    {
        // Quiet 21:00–08:00 (the defaults); a birthday greeting due at 22:00.
        await using var h = new TriggerHarness(servers, "trigquiet", s_t0, ("Triggers:Birthday:SendHour", "22"));
        await h.StartAsync();
        h.Scope.Produce([Registered("q1", s_t0.AddDays(-3), new MonthDay(6, 1))]);
        var due = new DateTimeOffset(2026, 6, 1, 22, 0, 0, TimeSpan.Zero);
        var quietEnd = new DateTimeOffset(2026, 6, 2, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, await h.WaitForDueAsync("q1", d => d is not null, tick: false));

        h.Clock.SetUtcNow(due);
        Assert.Equal(quietEnd, await h.WaitForDueAsync("q1", d => d == quietEnd));
        await h.TickAsync(10);
        Assert.Empty(h.Feed.Messages);

        h.Clock.SetUtcNow(quietEnd);
        Assert.True(await h.Feed.WaitUntilAsync(m => m.Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "published when the quiet hours end");
        var m = Assert.Single(h.Feed.Of("q1", "birthday"));
        Assert.Equal(due, m.DueAt);
        Assert.True(m.PublishedAt >= quietEnd, $"published at {m.PublishedAt:O}");
        await h.TickAsync(20);
        Assert.Single(h.Feed.Messages);
    }

    [Fact]
    public async Task An_unsubscribed_customer_gets_no_email_trigger()
    {
        await using var h = new TriggerHarness(servers, "trigunsub", s_t0);
        await h.StartAsync();
        h.Scope.Produce([
            Registered("u1", s_t0.AddDays(-3), new MonthDay(6, 2)),
            Unsubscribed("u1", s_t0.AddDays(-2)),
            Registered("s1", s_t0.AddDays(-3), new MonthDay(6, 2)),
        ]);
        var due = new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, await h.WaitForDueAsync("u1", d => d is not null, tick: false));
        Assert.Equal(due, await h.WaitForDueAsync("s1", d => d is not null, tick: false));

        h.Clock.SetUtcNow(due);
        Assert.True(await h.Feed.WaitUntilAsync(m => h.Feed.Of("s1", "birthday").Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "the subscribed customer is greeted");
        // u1 was swept (its next due is next year's birthday) and nothing went out for it.
        Assert.Equal(due.AddYears(1), await h.WaitForDueAsync("u1", d => d == due.AddYears(1)));
        await h.TickAsync(10);
        Assert.DoesNotContain(h.Feed.Messages, m => m.CustomerId == "u1");
    }

    [Fact]
    public async Task An_offer_shown_on_the_channel_today_defers_the_trigger_to_the_next_day()
    {
        await using var h = new TriggerHarness(servers, "trigbudget", s_t0);
        await h.StartAsync();
        var morning = new DateTimeOffset(2026, 6, 2, 8, 30, 0, TimeSpan.Zero);
        h.Scope.Produce([
            Registered("o1", s_t0.AddDays(-3), new MonthDay(6, 2)),
            Registered("w1", s_t0.AddDays(-3), new MonthDay(6, 2)),
        ]);
        var due = new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, await h.WaitForDueAsync("o1", d => d is not null, tick: false));
        Assert.Equal(due, await h.WaitForDueAsync("w1", d => d is not null, tick: false));

        // The offer engine's contacts this morning: an email offer for o1, a web offer for w1 (another channel's budget).
        h.Clock.SetUtcNow(morning);
        h.Scope.Produce([OfferShown("o1", morning, "email"), OfferShown("w1", morning, "web")]);
        Assert.True(await PollAsync(async () => (await h.Scope.Store.GetAsync("o1", CancellationToken.None))?.RecentOffers.Count == 1
            && (await h.Scope.Store.GetAsync("w1", CancellationToken.None))?.RecentOffers.Count == 1), "offers folded");

        h.Clock.SetUtcNow(due);
        Assert.True(await h.Feed.WaitUntilAsync(m => h.Feed.Of("w1", "birthday").Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "w1 is greeted today");
        var nextDay = new DateTimeOffset(2026, 6, 3, 8, 0, 0, TimeSpan.Zero); // midnight is in quiet hours: their end
        Assert.Equal(nextDay, await h.WaitForDueAsync("o1", d => d == nextDay));
        Assert.Empty(h.Feed.Of("o1", "birthday"));

        h.Clock.SetUtcNow(nextDay);
        Assert.True(await h.Feed.WaitUntilAsync(m => h.Feed.Of("o1", "birthday").Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "o1 is greeted the next day");
        await h.TickAsync(10);
        Assert.Single(h.Feed.Of("o1", "birthday"));
    }

    [Fact]
    public async Task A_trigger_sent_today_keeps_offers_off_its_channel_until_the_next_day()
    {
        // One engine serving offers and sweeping triggers on the same test clock; budget 1 a day on email (defaults).
        await using var h = new TriggerHarness(servers, "trigoffer", s_t0);
        await h.StartAsync(AppMode.All);
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(h.Engine!));
        var offers = new OfferService.OfferServiceClient(channel);
        var id = OfferEngine.CustomerId("trigoffer", holdout: false);
        h.Scope.Produce([Registered(id, s_t0.AddDays(-12), new MonthDay(6, 2)), Order(id, s_t0.AddDays(-9), "beans")]);
        var due = new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, await h.WaitForDueAsync(id, d => d is not null, tick: false));

        // Before the birthday greeting the second-purchase incentive goes out on email.
        h.Clock.SetUtcNow(due.AddMinutes(-30));
        var before = await offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "email" });
        Assert.StartsWith("second_purchase", before.OfferId, StringComparison.Ordinal);

        h.Clock.SetUtcNow(due);
        Assert.True(await h.Feed.WaitUntilAsync(m => h.Feed.Of(id, "birthday").Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "greeted");

        // After it, the day's email budget is used: no email offer (the log is saved just after publishing: poll).
        NextBestOfferResponse? refused = null;
        Assert.True(await PollAsync(async () =>
        {
            refused = await offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "email" });
            return refused.OfferId == OfferDecision.NoneId;
        }), "the email offer is refused after the trigger");
        var capped = Assert.Single(refused!.Alternatives, a => a.OfferId == before.OfferId);
        Assert.Equal("channel_capped", capped.Verdict);
        Assert.Contains("shared with triggers", capped.Reason, StringComparison.Ordinal);
        var web = await offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "web" });
        Assert.StartsWith("second_purchase", web.OfferId, StringComparison.Ordinal);

        // The next local day the budget is fresh again.
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 3, 10, 0, 0, TimeSpan.Zero));
        var nextDay = await offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "email" });
        Assert.StartsWith("second_purchase", nextDay.OfferId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_same_day_offers_allowed_a_trigger_does_not_keep_the_offer_back()
    {
        await using var h = new TriggerHarness(servers, "trigofferok", s_t0, ("Triggers:AllowSameDayAsOffer", "true"));
        await h.StartAsync(AppMode.All);
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(h.Engine!));
        var offers = new OfferService.OfferServiceClient(channel);
        var id = OfferEngine.CustomerId("trigofferok", holdout: false);
        h.Scope.Produce([Registered(id, s_t0.AddDays(-12), new MonthDay(6, 2)), Order(id, s_t0.AddDays(-9), "beans")]);
        var due = new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, await h.WaitForDueAsync(id, d => d is not null, tick: false));

        h.Clock.SetUtcNow(due);
        Assert.True(await h.Feed.WaitUntilAsync(m => h.Feed.Of(id, "birthday").Count == 1, () => h.Clock.Advance(TimeSpan.FromSeconds(1))), "greeted");
        await h.TickAsync(10);

        var offer = await offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "email" });
        Assert.StartsWith("second_purchase", offer.OfferId, StringComparison.Ordinal);
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
