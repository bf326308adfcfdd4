using System.Globalization;
using System.Text.Json;

namespace Realtime.Core.Events;

/// <summary>Collects the fields of one JSON event while it is read, then builds and validates the event.</summary>
internal sealed class EventFields
{
    private string? _eventId;
    private string? _type;
    private string? _customerId;
    private string? _occurredAt;
    private string? _productId;
    private string? _category;
    private double _price;
    private int _quantity = 1;
    private string? _orderId;
    private List<OrderLine>? _lines;
    private double _amount;
    private string? _currency;
    private string? _offerId;
    private string? _channel;
    private string? _campaign;
    private double _acquisitionCost;
    private string? _emailSha256;
    private string? _birthday;
    private string? _country;
    private int _rating;
    private bool _inStock = true;
    private string? _periodStart;
    private string? _periodEnd;

    /// <summary>Reads the value of <paramref name="name"/>; returns an error for a value of the wrong kind.</summary>
    /// <remarks>The name is a span (copied from the reader into a stack buffer): allocating a string per property name was a third of decoding's garbage.</remarks>
    public string? Read(scoped ReadOnlySpan<char> name, ref Utf8JsonReader r)
    {
        switch (name)
        {
            case "event_id": return ReadString(ref r, "event_id", out _eventId);
            case "type": return ReadString(ref r, "type", out _type);
            case "customer_id": return ReadString(ref r, "customer_id", out _customerId);
            case "occurred_at": return ReadString(ref r, "occurred_at", out _occurredAt);
            case "product_id": return ReadString(ref r, "product_id", out _productId);
            case "category": return ReadString(ref r, "category", out _category);
            case "price": return ReadNumber(ref r, "price", out _price);
            case "quantity": return ReadInt(ref r, "quantity", out _quantity);
            case "order_id": return ReadString(ref r, "order_id", out _orderId);
            case "lines": return ReadLines(ref r);
            case "total": return ReadNumber(ref r, "total", out _amount);
            case "amount": return ReadNumber(ref r, "amount", out _amount);
            case "currency": return ReadString(ref r, "currency", out _currency);
            case "offer_id": return ReadString(ref r, "offer_id", out _offerId);
            case "channel": return ReadString(ref r, "channel", out _channel);
            case "campaign": return ReadString(ref r, "campaign", out _campaign);
            case "acquisition_cost": return ReadNumber(ref r, "acquisition_cost", out _acquisitionCost);
            case "email_sha256": return ReadString(ref r, "email_sha256", out _emailSha256);
            case "birthday": return ReadString(ref r, "birthday", out _birthday);
            case "country": return ReadString(ref r, "country", out _country);
            case "rating": return ReadInt(ref r, "rating", out _rating);
            case "period_start": return ReadString(ref r, "period_start", out _periodStart);
            case "period_end": return ReadString(ref r, "period_end", out _periodEnd);
            case "in_stock":
                if (r.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return "in_stock must be true or false";
                }

                _inStock = r.GetBoolean();
                return null;
            default:
                r.Skip();
                return null;
        }
    }

    /// <summary>The current property name, unescaped into <paramref name="buffer"/>; empty when longer than the buffer (no known field is).</summary>
    public static int PropertyName(ref Utf8JsonReader r, scoped Span<char> buffer) =>
        r.ValueSpan.Length > buffer.Length ? 0
            : r.ValueIsEscaped ? r.CopyString(buffer)
            : System.Text.Encoding.UTF8.GetChars(r.ValueSpan, buffer);

    public bool TryBuild(DateTimeOffset now, TimeSpan maxFutureSkew, out CustomerEvent? e, out string? error)
    {
        e = null;
        if (_type is null)
        {
            error = "type is required";
            return false;
        }

        if (!EventTypeNames.TryParse(_type, out var type))
        {
            error = $"unknown event type '{EventLimits.Quote(_type)}'";
            return false;
        }

        if (_occurredAt is null || !DateTimeOffset.TryParse(_occurredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var occurredAt))
        {
            error = "occurred_at is required as an RFC 3339 timestamp";
            return false;
        }

        if (!ContactFields.TryParseBirthday(_birthday, out var birthday))
        {
            error = ContactFields.BirthdayProblem;
            return false;
        }

        if (!SpendPeriod.TryParse(_periodStart, "period_start", out var periodStart, out error)
            || !SpendPeriod.TryParse(_periodEnd, "period_end", out var periodEnd, out error))
        {
            return false;
        }

        e = new CustomerEvent
        {
            EventId = _eventId ?? string.Empty,
            Type = type,
            CustomerId = _customerId ?? string.Empty,
            OccurredAt = occurredAt,
            ProductId = _productId,
            Category = _category,
            Price = _price,
            Quantity = _quantity,
            OrderId = _orderId,
            Lines = (IReadOnlyList<OrderLine>?)_lines ?? [],
            Amount = _amount,
            Currency = _currency,
            OfferId = _offerId,
            Channel = _channel,
            Campaign = _campaign,
            AcquisitionCost = _acquisitionCost,
            EmailSha256 = ContactFields.NormaliseHex(_emailSha256),
            Birthday = birthday,
            Country = ContactFields.NormaliseCountry(_country),
            Rating = _rating,
            InStock = _inStock,
            PeriodStart = periodStart,
            PeriodEnd = periodEnd,
        };
        error = EventValidator.Validate(e, now, maxFutureSkew);
        if (error is not null)
        {
            e = null;
            return false;
        }

        return true;
    }

    private string? ReadLines(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return "lines must be an array";
        }

        _lines = [];
        Span<char> buffer = stackalloc char[32];
        while (r.Read() && r.TokenType == JsonTokenType.StartObject)
        {
            string? productId = null, category = null;
            var quantity = 1;
            double unitPrice = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<char> name = buffer[..PropertyName(ref r, buffer)];
                r.Read();
                var problem = name switch
                {
                    "product_id" => ReadString(ref r, "lines[].product_id", out productId),
                    "category" => ReadString(ref r, "lines[].category", out category),
                    "quantity" => ReadInt(ref r, "lines[].quantity", out quantity),
                    "unit_price" => ReadNumber(ref r, "lines[].unit_price", out unitPrice),
                    _ => Skip(ref r),
                };
                if (problem is not null)
                {
                    return problem;
                }
            }

            _lines.Add(new OrderLine(productId ?? string.Empty, category, quantity, unitPrice));
        }

        return r.TokenType == JsonTokenType.EndArray ? null : "lines must be an array of objects";
    }

    private static string? Skip(ref Utf8JsonReader r)
    {
        r.Skip();
        return null;
    }

    private static string? ReadString(ref Utf8JsonReader r, string name, out string? value)
    {
        value = null;
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType == JsonTokenType.Number && name.EndsWith("_id", StringComparison.Ordinal))
        {
            // Numeric ids are common in store exports; accept them as their text.
            value = r.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : null;
            return value is null ? $"{name} must be a string" : null;
        }

        if (r.TokenType != JsonTokenType.String)
        {
            return $"{name} must be a string";
        }

        value = r.GetString();
        return null;
    }

    private static string? ReadNumber(ref Utf8JsonReader r, string name, out double value)
    {
        value = 0;
        return r.TokenType == JsonTokenType.Number && r.TryGetDouble(out value) && double.IsFinite(value) ? null : $"{name} must be a number";
    }

    private static string? ReadInt(ref Utf8JsonReader r, string name, out int value)
    {
        value = 0;
        return r.TokenType == JsonTokenType.Number && r.TryGetInt32(out value) ? null : $"{name} must be an integer";
    }
}
