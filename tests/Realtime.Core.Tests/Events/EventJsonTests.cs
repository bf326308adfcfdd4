using System.Text;
using Realtime.Core.Events;

namespace Realtime.Core.Tests.Events;

public sealed class EventJsonTests
{
    // The processing clock: after every event these tests decode.
    private static readonly DateTimeOffset s_now = Ev.T0.AddDays(30);

    private static (CustomerEvent? Event, string? Error) Decode(string json)
    {
        EventJson.TryDecode(Encoding.UTF8.GetBytes(json), s_now, EventLimits.DefaultMaxFutureSkew, out var e, out var error);
        return (e, error);
    }

    [Fact]
    public void An_order_decodes_with_its_lines_total_and_offer()
    {
        var (e, error) = Decode("""
            {"event_id":"e1","type":"order_placed","customer_id":"c1","occurred_at":"2026-03-01T12:00:00Z",
             "order_id":"o1","total":30.5,"currency":"EUR","offer_id":"welcome10",
             "lines":[{"product_id":"p1","category":"shoes","quantity":2,"unit_price":10},{"product_id":"p2","quantity":1,"unit_price":10.5}],
             "some_future_field":{"ignored":true}}
            """);
        Assert.Null(error);
        Assert.Equal(EventType.OrderPlaced, e!.Type);
        Assert.Equal(30.5, e.Amount);
        Assert.Equal(2, e.Lines.Count);
        Assert.Equal("welcome10", e.OfferId);
    }

    [Fact]
    public void Encode_and_decode_round_trip()
    {
        var original = Ev.Order(3, 20, ("p1", "shoes"), ("p2", "hats")) with { Currency = "EUR", OfferId = "x" };
        EventJson.TryDecode(EventJson.Encode(original), s_now, EventLimits.DefaultMaxFutureSkew, out var decoded, out var error);
        Assert.Null(error);
        Assert.Equal(original.Amount, decoded!.Amount);
        Assert.Equal(original.OccurredAt, decoded.OccurredAt);
        Assert.Equal(original.Lines, decoded.Lines);
    }

    [Theory]
    [InlineData("{not json", "malformed JSON")]
    [InlineData("[1,2]", "expected an object")]
    [InlineData("""{"event_id":"e","type":"teleported","customer_id":"c1","occurred_at":"2026-03-01T12:00:00Z"}""", "unknown event type 'teleported'")]
    [InlineData("""{"event_id":"e","type":"product_viewed","occurred_at":"2026-03-01T12:00:00Z","product_id":"p"}""", "customer_id is required")]
    [InlineData("""{"event_id":"e","type":"product_viewed","customer_id":"c 1","occurred_at":"2026-03-01T12:00:00Z","product_id":"p"}""", "customer_id may contain only")]
    [InlineData("""{"event_id":"e","type":"product_viewed","customer_id":"c1","product_id":"p"}""", "occurred_at is required")]
    [InlineData("""{"event_id":"e","type":"review_submitted","customer_id":"c1","occurred_at":"2026-03-01T12:00:00Z","rating":9}""", "rating must be 1 to 5")]
    [InlineData("""{"event_id":"e","type":"order_placed","customer_id":"c1","occurred_at":"2026-03-01T12:00:00Z","total":"ten"}""", "total must be a number")]
    [InlineData("""{"type":"email_opened","customer_id":"c1","occurred_at":"2026-03-01T12:00:00Z"}""", "event_id is required")]
    public void Invalid_events_are_rejected_with_a_reason(string json, string reason)
    {
        var (e, error) = Decode(json);
        Assert.Null(e);
        Assert.Contains(reason, error);
    }
}
