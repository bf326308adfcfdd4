using System.Globalization;
using System.Text.Json;

namespace Realtime.Core.Events;

/// <summary>
/// The JSON wire format of events (DESIGN §3), snake_case. Decoding walks a <see cref="Utf8JsonReader"/> by hand:
/// ingest decodes every event, and a reflection-based deserializer costs several times more per event.
/// Unknown fields are ignored so producers can add fields before the engine knows them.
/// </summary>
public static class EventJson
{
    /// <summary>
    /// Decodes and validates one event; on failure returns false with a reason for the dead-letter topic.
    /// <paramref name="now"/> is the processing time and <paramref name="maxFutureSkew"/> how far ahead of it an event
    /// may be dated (see <see cref="EventValidator.Validate"/>).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> json, DateTimeOffset now, TimeSpan maxFutureSkew, out CustomerEvent? e, out string? error)
    {
        e = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "malformed JSON: expected an object";
                return false;
            }

            var fields = new EventFields();
            Span<char> buffer = stackalloc char[32];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<char> name = buffer[..EventFields.PropertyName(ref reader, buffer)];
                reader.Read();
                if (fields.Read(name, ref reader) is { } fieldError)
                {
                    error = fieldError;
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "malformed JSON: trailing content after the event object";
                return false;
            }

            return fields.TryBuild(now, maxFutureSkew, out e, out error);
        }
        catch (JsonException ex)
        {
            // The reader's messages quote the offending token (user input): keep at most 64 characters of it.
            error = $"malformed JSON at byte {ex.BytePositionInLine}: {EventLimits.Quote(FirstSentence(ex.Message))}";
            return false;
        }
        catch (FormatException ex)
        {
            error = $"malformed value: {EventLimits.Quote(FirstSentence(ex.Message))}";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            error = $"malformed value: {EventLimits.Quote(FirstSentence(ex.Message))}";
            return false;
        }
    }

    /// <summary>Encodes an event in the wire format (used by the demo generator, tests and exporters).</summary>
    public static byte[] Encode(CustomerEvent e)
    {
        using var buffer = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("event_id", e.EventId);
            w.WriteString("type", e.Type.ToWireName());
            w.WriteString("customer_id", e.CustomerId);
            w.WriteString("occurred_at", e.OccurredAt.ToString("O", CultureInfo.InvariantCulture));
            WriteIfSet(w, "product_id", e.ProductId);
            WriteIfSet(w, "category", e.Category);
            if (e.Price != 0)
            {
                w.WriteNumber("price", e.Price);
            }

            if (e.Quantity != 1)
            {
                w.WriteNumber("quantity", e.Quantity);
            }

            WriteIfSet(w, "order_id", e.OrderId);
            if (e.Lines.Count > 0)
            {
                w.WriteStartArray("lines");
                foreach (var line in e.Lines)
                {
                    w.WriteStartObject();
                    w.WriteString("product_id", line.ProductId);
                    WriteIfSet(w, "category", line.Category);
                    w.WriteNumber("quantity", line.Quantity);
                    w.WriteNumber("unit_price", line.UnitPrice);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (e.Amount != 0)
            {
                w.WriteNumber(e.Type == EventType.OrderPlaced ? "total" : "amount", e.Amount);
            }

            WriteIfSet(w, "currency", e.Currency);
            WriteIfSet(w, "offer_id", e.OfferId);
            WriteIfSet(w, "channel", e.Channel);
            WriteIfSet(w, "campaign", e.Campaign);
            if (e.AcquisitionCost != 0)
            {
                w.WriteNumber("acquisition_cost", e.AcquisitionCost);
            }

            WriteIfSet(w, "email_sha256", e.EmailSha256);
            WriteIfSet(w, "birthday", e.Birthday?.ToString());
            WriteIfSet(w, "country", e.Country);

            if (e.Rating != 0)
            {
                w.WriteNumber("rating", e.Rating);
            }

            WriteIfSet(w, "period_start", e.PeriodStart?.ToString(SpendPeriod.DateFormat, CultureInfo.InvariantCulture));
            WriteIfSet(w, "period_end", e.PeriodEnd?.ToString(SpendPeriod.DateFormat, CultureInfo.InvariantCulture));
            if (e.Type == EventType.ProductUpserted)
            {
                w.WriteBoolean("in_stock", e.InStock);
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
