using System.Text;
using Confluent.Kafka;
using CsCheck;
using Google.Protobuf;
using Realtime.Core.Events;
using Realtime.Core.State;
using Realtime.Core.Tests.Properties;
using Realtime.Kafka;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;
using ProtoEvent = Realtime.Grpc.V1.CustomerEvent;
using ProtoLine = Realtime.Grpc.V1.OrderLine;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Realtime.IntegrationTests;

/// <summary>
/// DESIGN §2.8 as properties of <see cref="EventDecoder"/> (no servers needed): on random bytes and on mutated valid
/// events, on the JSON and the Protobuf path, decoding never throws; a reject carries a short, non-empty reason; an
/// accepted event passes the validator and folds into a state whose sums stay finite.
/// </summary>
public sealed class EventDecoderPropertyTests
{
    private static readonly TimeSpan s_skew = TimeSpan.FromDays(1);

    private static readonly string[] s_jsonEdges =
    [
        "1e308", "-1e308", "1e309", "NaN", "\"Infinity\"", "2147483648", "-2147483649", "-0", "0", "null", "true", "[]", "{}",
        "\"9999-12-31T23:59:59Z\"", "\"2999-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"\\ud800\"", "\"\"", "1e-320",
        "[{\"product_id\":\"p1\",\"quantity\":2147483647,\"unit_price\":1e308}]", "\"" + new string('x', 8192) + "\"",
    ];

    private static readonly double[] s_doubleEdges = [double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e308, -1, 1e9 + 1, double.Epsilon];

    private static readonly int[] s_intEdges = [int.MaxValue, int.MinValue, 0, -1, EventLimits.MaxQuantity + 1];

    private static readonly long[] s_secondsEdges = [long.MaxValue, long.MinValue, 253_402_300_800, -62_135_596_801, 32_503_680_000];

    private static Headers Protobuf() => new() { { EventDecoder.ContentTypeHeader, Encoding.UTF8.GetBytes(EventDecoder.ProtobufContentType) } };

    [Fact]
    public void Random_bytes_never_throw_on_the_json_path_and_a_reject_has_a_reason()
    {
        Gen.Byte.Array[0, 512].Sample(bytes => AssertWellBehaved(null, bytes), threads: 1, iter: 2000);
    }

    [Fact]
    public void Random_bytes_never_throw_on_the_protobuf_path_and_a_reject_has_a_reason()
    {
        Gen.Byte.Array[0, 512].Sample(bytes => AssertWellBehaved(Protobuf(), bytes), threads: 1, iter: 2000);
    }

    [Fact]
    public void Mutated_valid_json_events_never_throw_and_a_reject_has_a_reason()
    {
        var gen = Gen.Select(EventGen.Event, Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte.Array[1, 8], Gen.Int[0, s_jsonEdges.Length - 1])
            .Select((e, kind, at, bytes, edge) => Mutate(EventJson.Encode(e), kind, at, bytes, s_jsonEdges[edge]));
        gen.Sample(bytes => AssertWellBehaved(null, bytes), threads: 1, iter: 3000);
    }

    [Fact]
    public void Mutated_valid_protobuf_events_never_throw_and_a_reject_has_a_reason()
    {
        var gen = Gen.Select(EventGen.Event, Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Byte.Array[1, 8], Gen.Int[0, 100])
            .Select((e, kind, at, bytes, edge) => kind < 3
                ? Mutate(ToProto(e).ToByteArray(), kind, at, bytes, null)
                : EdgeValues(ToProto(e), edge).ToByteArray());
        gen.Sample(bytes => AssertWellBehaved(Protobuf(), bytes), threads: 1, iter: 3000);
    }

    [Fact]
    public void Valid_events_decode_to_themselves_on_both_paths()
    {
        EventGen.Event.Sample(e =>
        {
            Assert.Equal(e.Amount, EventDecoder.Decode(null, EventJson.Encode(e), EventGen.Now, s_skew).Event?.Amount);
            Assert.Equal(e.Amount, EventDecoder.Decode(Protobuf(), ToProto(e).ToByteArray(), EventGen.Now, s_skew).Event?.Amount);
            var json = EventDecoder.Decode(null, EventJson.Encode(e), EventGen.Now, s_skew).Event;
            var protobuf = EventDecoder.Decode(Protobuf(), ToProto(e).ToByteArray(), EventGen.Now, s_skew).Event;
            Assert.Equal((e.EmailSha256, e.Birthday, e.Country), (json?.EmailSha256, json?.Birthday, json?.Country));
            Assert.Equal((e.EmailSha256, e.Birthday, e.Country), (protobuf?.EmailSha256, protobuf?.Birthday, protobuf?.Country));
        }, threads: 1, iter: 500);
    }

    [Theory]
    [InlineData("birthday", "02-30", "birthday must be YYYY-MM-DD or MM-DD")]
    [InlineData("email_sha256", "not-a-digest", "email_sha256 must be 64 hexadecimal characters")]
    [InlineData("country", "Nederland", "country must be a two-letter ISO 3166-1 code")]
    public void Malformed_contact_fields_are_rejected_the_same_on_the_protobuf_path(string field, string value, string reason)
    {
        var p = new ProtoEvent { EventId = "r1", Type = "customer_registered", CustomerId = "c1", OccurredAt = Timestamp.FromDateTimeOffset(EventGen.Now.AddDays(-1)) };
        switch (field)
        {
            case "birthday": p.Birthday = value; break;
            case "email_sha256": p.EmailSha256 = value; break;
            default: p.Country = value; break;
        }

        var decoded = EventDecoder.Decode(Protobuf(), p.ToByteArray(), EventGen.Now, s_skew);
        Assert.Null(decoded.Event);
        Assert.StartsWith(reason, decoded.Error);
    }

    [Fact]
    public void A_content_type_header_without_a_value_is_read_as_json()
    {
        var headers = new Headers { { EventDecoder.ContentTypeHeader, null } };
        var decoded = EventDecoder.Decode(headers, "{}"u8.ToArray(), EventGen.Now, s_skew);
        Assert.Equal("type is required", decoded.Error);
    }

    private static void AssertWellBehaved(Headers? headers, byte[] bytes)
    {
        var decoded = EventDecoder.Decode(headers, bytes, EventGen.Now, s_skew);
        if (decoded.Event is not { } e)
        {
            Assert.False(string.IsNullOrWhiteSpace(decoded.Error));
            Assert.True(decoded.Error!.Length <= 300, $"reason of {decoded.Error.Length} characters: {decoded.Error}");
            return;
        }

        Assert.Null(decoded.Error);
        Assert.Null(EventValidator.Validate(e, EventGen.Now, s_skew));
        if (e.Type != EventType.ProductUpserted)
        {
            var state = CustomerFold.Apply(CustomerFold.Apply(new CustomerState(e.CustomerId), e), e with { EventId = e.EventId + "-2", OrderId = e.OrderId + "-2" });
            Assert.True(double.IsFinite(state.NetRevenue) && double.IsFinite(state.CartValue) && double.IsFinite(state.GrossRevenue));
        }
    }

    /// <summary>0: overwrite bytes at a position; 1: truncate there; 2: insert bytes there; 3 (JSON): replace a value with an edge token.</summary>
    private static byte[] Mutate(byte[] valid, int kind, int at, byte[] bytes, string? edge)
    {
        var i = at % (valid.Length + 1);
        switch (kind)
        {
            case 0:
                var copy = (byte[])valid.Clone();
                for (var k = 0; k < bytes.Length && i + k < copy.Length; k++)
                {
                    copy[i + k] = bytes[k];
                }

                return copy;
            case 1:
                return valid[..i];
            case 2:
                return [.. valid[..i], .. bytes, .. valid[i..]];
            default:
                var json = Encoding.UTF8.GetString(valid);
                var colons = Enumerable.Range(0, json.Length).Where(k => json[k] == ':' && k > 0 && json[k - 1] == '"').ToList();
                var start = colons[at % colons.Count] + 1;
                var end = start;
                var depth = 0;
                var inString = false;
                for (; end < json.Length; end++)
                {
                    var c = json[end];
                    if (c == '"' && json[end - 1] != '\\')
                    {
                        inString = !inString;
                    }
                    else if (!inString && c is '[' or '{')
                    {
                        depth++;
                    }
                    else if (!inString && c is ']' or '}' && depth-- == 0)
                    {
                        break;
                    }
                    else if (!inString && c == ',' && depth == 0)
                    {
                        break;
                    }
                }

                return Encoding.UTF8.GetBytes(json[..start] + edge + json[end..]);
        }
    }

    private static ProtoEvent EdgeValues(ProtoEvent p, int pick)
    {
        var d = s_doubleEdges[pick % s_doubleEdges.Length];
        var n = s_intEdges[pick % s_intEdges.Length];
        switch (pick % 7)
        {
            case 0: p.Total = d; p.Amount = d; break;
            case 1: p.Price = d; p.Quantity = n; break;
            case 2: p.AcquisitionCost = d; break;
            case 3: p.Lines.Add(new ProtoLine { ProductId = "p1", Quantity = n, UnitPrice = d }); break;
            case 4: p.OccurredAt = new Timestamp { Seconds = s_secondsEdges[pick % s_secondsEdges.Length] }; break;
            case 5: p.OccurredAt = new Timestamp { Seconds = 1_700_000_000, Nanos = pick % 2 == 0 ? -1 : 1_000_000_000 }; break;
            default: p.Type = new string('t', 8192); break;
        }

        return p;
    }

    private static ProtoEvent ToProto(CustomerEvent e)
    {
        var p = new ProtoEvent
        {
            EventId = e.EventId,
            Type = e.Type.ToWireName(),
            CustomerId = e.CustomerId,
            OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt),
            ProductId = e.ProductId ?? "",
            Category = e.Category ?? "",
            Price = e.Price,
            Quantity = e.Quantity,
            OrderId = e.OrderId ?? "",
            Currency = e.Currency ?? "",
            OfferId = e.OfferId ?? "",
            Channel = e.Channel ?? "",
            Campaign = e.Campaign ?? "",
            AcquisitionCost = e.AcquisitionCost,
            EmailSha256 = e.EmailSha256 ?? "",
            Birthday = e.Birthday?.ToString() ?? "",
            Country = e.Country ?? "",
            Rating = e.Rating,
        };
        if (e.Type == EventType.OrderPlaced)
        {
            p.Total = e.Amount;
        }
        else
        {
            p.Amount = e.Amount;
        }

        p.Lines.AddRange(e.Lines.Select(l => new ProtoLine { ProductId = l.ProductId, Category = l.Category ?? "", Quantity = l.Quantity, UnitPrice = l.UnitPrice }));
        return p;
    }
}
