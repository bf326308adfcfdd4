using System.Text;
using Realtime.Core.Acquisition;
using Realtime.Core.Events;

namespace Realtime.Core.Tests.Events;

public sealed class MarketingSpendEventTests
{
    private static readonly DateTimeOffset s_now = Ev.T0.AddDays(30);

    private static (CustomerEvent? Event, string? Error) Decode(string fields)
    {
        var json = $$"""{"event_id":"s1","type":"marketing_spend","occurred_at":"2026-03-01T12:00:00Z"{{fields}}}""";
        EventJson.TryDecode(Encoding.UTF8.GetBytes(json), s_now, EventLimits.DefaultMaxFutureSkew, out var e, out var error);
        return (e, error);
    }

    [Fact]
    public void A_spend_needs_no_customer_and_round_trips_through_json()
    {
        var (e, error) = Decode(""","channel":"paid_social","campaign":"spring","amount":700,"currency":"EUR","period_start":"2026-02-01","period_end":"2026-02-07" """);
        Assert.Null(error);
        Assert.Equal(new DateOnly(2026, 2, 1), e!.PeriodStart);
        EventJson.TryDecode(EventJson.Encode(e), s_now, EventLimits.DefaultMaxFutureSkew, out var again, out error);
        Assert.Null(error);
        Assert.Equal(e, again! with { Lines = e.Lines });
    }

    [Theory]
    [InlineData(""","amount":1,"period_start":"2026-02-01","period_end":"2026-02-01" """, "channel is required for marketing_spend")]
    [InlineData(""","channel":"x","amount":1,"period_start":"2026-02-01" """, "period_start and period_end are required for marketing_spend")]
    [InlineData(""","channel":"x","amount":1,"period_start":"2026-02-08","period_end":"2026-02-01" """, "period_end must not be before period_start")]
    [InlineData(""","channel":"x","amount":1,"period_start":"2026-02-01","period_end":"2027-02-03" """, "a marketing_spend period may cover at most 366 days")]
    [InlineData(""","channel":"x","amount":1,"period_start":"1 Feb","period_end":"2026-02-01" """, "period_start must be a date (YYYY-MM-DD)")]
    [InlineData(""","channel":"x","amount":-5,"period_start":"2026-02-01","period_end":"2026-02-01" """, "amount must be a number from 0 to 1e9")]
    [InlineData(""","channel":"x","amount":2e9,"period_start":"2026-02-01","period_end":"2026-02-01" """, "amount must be a number from 0 to 1e9")]
    [InlineData(""","channel":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","amount":1,"period_start":"2026-02-01","period_end":"2026-02-01" """, "channel is longer than 64 characters")]
    public void An_invalid_spend_is_refused_with_a_reason(string fields, string reason)
    {
        var (e, error) = Decode(fields);
        Assert.Null(e);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void A_period_on_another_event_type_is_refused()
    {
        var json = """{"event_id":"o1","type":"order_placed","customer_id":"c1","occurred_at":"2026-03-01T12:00:00Z","total":5,"period_start":"2026-02-01","period_end":"2026-02-01"}""";
        EventJson.TryDecode(Encoding.UTF8.GetBytes(json), s_now, EventLimits.DefaultMaxFutureSkew, out _, out var error);
        Assert.Equal("period_start and period_end belong to marketing_spend only", error);
    }

    [Fact]
    public void A_spend_is_split_evenly_over_its_days_under_its_channel_and_campaign()
    {
        var (e, _) = Decode(""","channel":"Paid Social","amount":70,"period_start":"2026-02-01","period_end":"2026-02-07" """);
        var shares = SpendAllocation.Of(e!).ToList();
        Assert.Equal(7, shares.Count);
        Assert.All(shares, s => Assert.Equal(10, s.Amount, 9));
        Assert.Equal("paid_social/none:2026-02-01", shares[0].Field);
        Assert.Equal("paid_social/none:2026-02-07", shares[^1].Field);
    }
}
