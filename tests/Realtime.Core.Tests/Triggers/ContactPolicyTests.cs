using Realtime.Core.Offers;
using Realtime.Core.State;
using Realtime.Core.Triggers;

namespace Realtime.Core.Tests.Triggers;

public sealed class ContactPolicyTests
{
    private static readonly DateTimeOffset s_noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ContactPolicy _policy = new(new TriggerOptions());

    [Theory]
    [InlineData(22, "2026-06-02T08:00:00Z")] // before midnight: the window ends tomorrow
    [InlineData(3, "2026-06-01T08:00:00Z")]
    public void Quiet_hours_defer_to_their_end(int hour, string end)
    {
        var at = new DateTimeOffset(2026, 6, 1, hour, 0, 0, TimeSpan.Zero);

        Assert.Equal(ContactDecision.Defer(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), _policy.Decide(new CustomerState("c1"), [], at));
    }

    [Fact]
    public void Equal_start_and_end_hours_mean_no_quiet_hours()
    {
        var policy = new ContactPolicy(new TriggerOptions { QuietStartHour = 0, QuietEndHour = 0 });

        Assert.Equal(ContactDecision.Send, policy.Decide(new CustomerState("c1"), [], new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_trigger_today_uses_the_daily_budget_and_the_next_waits_for_tomorrow_after_quiet_hours()
    {
        var earlier = s_noon.AddHours(-2).ToUnixTimeMilliseconds();

        Assert.Equal(ContactDecision.Defer(new DateTimeOffset(2026, 6, 2, 8, 0, 0, TimeSpan.Zero)), _policy.Decide(new CustomerState("c1"), [earlier], s_noon));
        Assert.Equal(ContactDecision.Send, _policy.Decide(new CustomerState("c1"), [s_noon.AddDays(-1).ToUnixTimeMilliseconds()], s_noon));
    }

    [Fact]
    public void The_budget_an_offer_shares_counts_todays_trigger_contacts_in_the_store_time_zone()
    {
        // 12:00 UTC is 14:00 in Berlin (summer): the local day began at 22:00 UTC the evening before.
        var policy = new ContactPolicy(new TriggerOptions { TimeZone = "Europe/Berlin", MaxContactsPerDay = 2 });
        var localMidnight = new DateTimeOffset(2026, 5, 31, 22, 0, 0, TimeSpan.Zero);
        long[] contacts = [localMidnight.AddMinutes(-1).ToUnixTimeMilliseconds(), localMidnight.AddMinutes(30).ToUnixTimeMilliseconds()];

        var shared = policy.SharedWithOffer("EMAIL", contacts, s_noon);

        Assert.Equal(new SharedContactBudget("email", 2, localMidnight.ToUnixTimeMilliseconds(), TriggerContactsToday: 1), shared);
        Assert.Null(policy.SharedWithOffer("web", contacts, s_noon));
        Assert.Null(new ContactPolicy(new TriggerOptions { AllowSameDayAsOffer = true }).SharedWithOffer("email", contacts, s_noon));
    }

    [Fact]
    public void An_offer_today_on_the_channel_counts_unless_configured_otherwise()
    {
        var s = new CustomerState("c1");
        s.RecentOffers.Add(new OfferContact("free_shipping", "email", s_noon.AddHours(-1).ToUnixTimeMilliseconds(), false));

        Assert.Equal(ContactVerdict.Defer, _policy.Decide(s, [], s_noon).Verdict);
        Assert.Equal(ContactVerdict.Send, new ContactPolicy(new TriggerOptions { AllowSameDayAsOffer = true }).Decide(s, [], s_noon).Verdict);
        Assert.Equal(ContactVerdict.Send, new ContactPolicy(new TriggerOptions { Channel = "sms" }).Decide(s, [], s_noon).Verdict);
    }

    [Fact]
    public void Unsubscribed_customers_get_no_email_trigger_but_may_get_another_channel()
    {
        var s = new CustomerState("c1") { EmailUnsubscribed = true };

        Assert.Equal(ContactDecision.Suppressed, _policy.Decide(s, [], s_noon));
        Assert.Equal(ContactDecision.Send, new ContactPolicy(new TriggerOptions { Channel = "app" }).Decide(s, [], s_noon));
    }
}
