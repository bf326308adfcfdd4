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

    public static DecodedMessage Decode(Headers? headers, byte[]? value)
    {
        if (value is null || value.Length == 0)
        {
            return new(null, "empty message");
        }

        if (IsProtobuf(headers))
        {
            return DecodeProtobuf(value);
        }

        return EventJson.TryDecode(value, out var e, out var error) ? new(e, null) : new(null, error);
    }

    private static bool IsProtobuf(Headers? headers) =>
        headers is not null
        && headers.TryGetLastBytes(ContentTypeHeader, out var bytes)
        && Encoding.UTF8.GetString(bytes).StartsWith(ProtobufContentType, StringComparison.OrdinalIgnoreCase);

    private static DecodedMessage DecodeProtobuf(byte[] value)
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
            return new(null, string.IsNullOrEmpty(message.Type) ? "type is required" : $"unknown event type '{message.Type}'");
        }

        if (message.OccurredAt is null)
        {
            return new(null, "occurred_at is required");
        }

        var e = new CustomerEvent
        {
            EventId = message.EventId,
            Type = type,
            CustomerId = message.CustomerId,
            OccurredAt = message.OccurredAt.ToDateTimeOffset(),
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
            Rating = message.Rating,
            InStock = !message.HasInStock || message.InStock,
        };
        return EventValidator.Validate(e) is { } error ? new(null, error) : new(e, null);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
