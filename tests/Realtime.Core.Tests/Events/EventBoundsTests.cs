using System.Text;
using Realtime.Core.Events;

namespace Realtime.Core.Tests.Events;

public sealed class EventBoundsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_skew = TimeSpan.FromDays(1);

    private static string? Reject(string json)
    {
        var ok = EventJson.TryDecode(Encoding.UTF8.GetBytes(json), s_now, s_skew, out var e, out var error);
        Assert.Equal(ok, e is not null);
        return error;
    }

    private static string Order(string occurredAt = "2026-03-01T10:00:00Z", string total = "10", string lines = "[]") =>
        $$"""{"event_id":"e1","type":"order_placed","customer_id":"c1","occurred_at":"{{occurredAt}}","order_id":"o1","total":{{total}},"lines":{{lines}}}""";

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2999-01-01T00:00:00Z")]
    [InlineData("2026-03-02T12:00:01Z")]
    public void An_event_dated_beyond_the_future_skew_is_rejected(string occurredAt)
    {
        Assert.Contains("ahead of the processing clock", Reject(Order(occurredAt)));
    }

    [Fact]
    public void An_event_dated_within_the_future_skew_is_accepted()
    {
        Assert.Null(Reject(Order("2026-03-02T11:59:00Z")));
    }

    [Fact]
    public void The_future_skew_is_a_parameter_not_a_constant()
    {
        var json = Encoding.UTF8.GetBytes(Order("2026-03-01T13:00:00Z"));
        Assert.True(EventJson.TryDecode(json, s_now, TimeSpan.FromHours(2), out _, out _));
        Assert.False(EventJson.TryDecode(json, s_now, TimeSpan.FromMinutes(30), out _, out _));
    }

    [Theory]
    [InlineData("1e308", "[]", "total must be a number from 0 to 1e9")]
    [InlineData("1000000000.01", "[]", "total must be a number from 0 to 1e9")]
    [InlineData("0", """[{"product_id":"p1","quantity":10,"unit_price":1e308}]""", "lines[].unit_price must be a number from 0 to 1e9")]
    [InlineData("0", """[{"product_id":"p1","quantity":2000000,"unit_price":1}]""", "lines[].quantity must be an integer from 1 to 1000000")]
    [InlineData("0", """[{"product_id":"p1","quantity":10,"unit_price":2e8}]""", "the lines' value")]
    public void Order_amounts_beyond_the_maxima_are_rejected(string total, string lines, string reason)
    {
        Assert.Contains(reason, Reject(Order(total: total, lines: lines)));
    }

    [Fact]
    public void An_order_at_the_maxima_is_accepted()
    {
        Assert.Null(Reject(Order(total: "1e9", lines: """[{"product_id":"p1","quantity":1000,"unit_price":1e6}]""")));
    }

    [Theory]
    [InlineData("1e308", "1", "price must be a number from 0 to 1e9")]
    [InlineData("10", "2147483647", "quantity must be an integer from 1 to 1000000")]
    [InlineData("10", "0", "quantity must be an integer from 1 to 1000000")]
    public void Cart_prices_and_quantities_beyond_the_maxima_are_rejected(string price, string quantity, string reason)
    {
        var json = $$"""{"event_id":"e1","type":"added_to_cart","customer_id":"c1","occurred_at":"2026-03-01T10:00:00Z","product_id":"p1","price":{{price}},"quantity":{{quantity}}}""";
        Assert.Contains(reason, Reject(json));
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(1e10)]
    [InlineData(-1)]
    public void Refunds_and_acquisition_costs_must_be_finite_and_bounded(double amount)
    {
        var refund = Ev.Of(EventType.OrderReturned) with { Amount = amount };
        var registered = Ev.Of(EventType.CustomerRegistered) with { AcquisitionCost = amount };
        Assert.Contains("amount must be a number from 0 to 1e9", EventValidator.Validate(refund, Ev.T0, s_skew));
        Assert.Contains("acquisition_cost must be a number from 0 to 1e9", EventValidator.Validate(registered, Ev.T0, s_skew));
    }

    [Fact]
    public void An_unknown_event_type_is_quoted_in_at_most_64_characters()
    {
        var longType = new string('x', 8192);
        var reason = Reject($$"""{"event_id":"e1","type":"{{longType}}","customer_id":"c1","occurred_at":"2026-03-01T10:00:00Z"}""");
        Assert.StartsWith("unknown event type 'xxxx", reason);
        Assert.True(reason!.Length <= EventLimits.MaxQuotedLength + 30, $"reason of {reason.Length} characters");
    }

    [Fact]
    public void Quoting_keeps_short_input_and_cuts_long_input_with_an_ellipsis()
    {
        Assert.Equal("abc", EventLimits.Quote("abc"));
        Assert.Equal(new string('a', 64) + "...", EventLimits.Quote(new string('a', 65)));
        Assert.Equal("a?b", EventLimits.Quote("a\nb"));
    }
}
