using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Realtime.Core.Events;
using Proto = Realtime.Grpc.V1;

namespace Realtime.Kafka;

/// <summary>
/// Decodes a Kafka record into an event: JSON by default, Protobuf (<c>realtime.v1.CustomerEvent</c>) when the record
/// has the header <c>content-type: application/x-protobuf</c>. Both paths end in <see cref="EventValidator"/>.
/// </summary>
public static class EventDecoder
{
    public const string ContentTypeHeader = "content-type";
    public const string ProtobufContentType = "application/x-protobuf";

    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range Timestamp (and DateTimeOffset) can hold.
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;

    /// <summary>
    /// Decodes and validates one record. <paramref name="now"/> is the processing time (ingest passes its clock) and
    /// <paramref name="maxFutureSkew"/> how far ahead of it an event may be dated (<see cref="IngestOptions.MaxFutureSkew"/>).
    /// Never throws on input: anything wrong with the bytes comes back as a reason for the dead-letter topic.
    /// </summary>
    public static DecodedMessage Decode(Headers? headers, byte[]? value, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        if (value is null || value.Length == 0)
        {
            return new(null, "empty message");
        }

        if (IsProtobuf(headers))
        {
            return DecodeProtobuf(value, now, maxFutureSkew);
        }

        return EventJson.TryDecode(value, now, maxFutureSkew, out var e, out var error) ? new(e, null) : new(null, error);
    }

    private static bool IsProtobuf(Headers? headers) =>
        headers is not null
        && headers.TryGetLastBytes(ContentTypeHeader, out var bytes)
        && bytes is not null
        && Encoding.UTF8.GetString(bytes).StartsWith(ProtobufContentType, StringComparison.OrdinalIgnoreCase);

    private static DecodedMessage DecodeProtobuf(byte[] value, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        Proto.CustomerEvent message;
        try
        {
            message = Proto.CustomerEvent.Parser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return new(null, $"malformed protobuf: {ex.Message}");
        }

        if (!EventTypeNames.TryParse(message.Type, out var type))
        {
            return new(null, string.IsNullOrEmpty(message.Type) ? "type is required" : $"unknown event type '{EventLimits.Quote(message.Type)}'");
        }

        // ToDateTimeOffset throws for seconds or nanos outside the Timestamp range (year 1 to 9999).
        if (message.OccurredAt is not { } occurred || !IsValidTimestamp(occurred))
        {
            return new(null, "occurred_at is required as a valid timestamp");
        }

        if (!ContactFields.TryParseBirthday(message.Birthday, out var birthday))
        {
            return new(null, ContactFields.BirthdayProblem);
        }

        if (!SpendPeriod.TryParse(NullIfEmpty(message.PeriodStart), "period_start", out var periodStart, out var periodError)
            || !SpendPeriod.TryParse(NullIfEmpty(message.PeriodEnd), "period_end", out var periodEnd, out periodError))
        {
            return new(null, periodError);
        }

        var e = new CustomerEvent
        {
            EventId = message.EventId,
            Type = type,
            CustomerId = message.CustomerId,
            OccurredAt = occurred.ToDateTimeOffset(),
            ProductId = NullIfEmpty(message.ProductId),
            Category = NullIfEmpty(message.Category),
            Price = message.Price,
            Quantity = message.Quantity == 0 ? 1 : message.Quantity,
            OrderId = NullIfEmpty(message.OrderId),
            Lines = message.Lines.Select(l => new OrderLine(l.ProductId, NullIfEmpty(l.Category), l.Quantity, l.UnitPrice)).ToList(),
            Amount = type == EventType.OrderPlaced ? message.Total : message.Amount,
            Currency = NullIfEmpty(message.Currency),
            OfferId = NullIfEmpty(message.OfferId),
            Channel = NullIfEmpty(message.Channel),
            Campaign = NullIfEmpty(message.Campaign),
            AcquisitionCost = message.AcquisitionCost,
            EmailSha256 = ContactFields.NormaliseHex(message.EmailSha256),
            Birthday = birthday,
            Country = ContactFields.NormaliseCountry(message.Country),
            Rating = message.Rating,
            InStock = !message.HasInStock || message.InStock,
            PeriodStart = periodStart,
            PeriodEnd = periodEnd,
        };
        return EventValidator.Validate(e, now, maxFutureSkew) is { } error ? new(null, error) : new(e, null);
    }

    /// <summary>
    /// The event type a rejected record claims, when it names a known one (a metrics label: rejects are counted by
    /// type where possible); "unknown" otherwise. Only for rejects: it parses again, and never throws.
    /// </summary>
    public static string RejectedTypeLabel(Headers? headers, byte[]? value)
    {
        if (value is null || value.Length == 0 || value.Length > 1_000_000)
        {
            return "unknown";
        }

        try
        {
            string? name;
            if (IsProtobuf(headers))
            {
                name = Proto.CustomerEvent.Parser.ParseFrom(value).Type;
            }
            else
            {
                using var json = System.Text.Json.JsonDocument.Parse(value);
                name = json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("type", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null;
            }

            return EventTypeNames.TryParse(name, out var type) ? type.ToWireName() : "unknown";
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidProtocolBufferException or ArgumentException)
        {
            return "unknown";
        }
    }

    private static bool IsValidTimestamp(Google.Protobuf.WellKnownTypes.Timestamp t) =>
        t.Seconds is >= MinTimestampSeconds and <= MaxTimestampSeconds && t.Nanos is >= 0 and < 1_000_000_000;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
