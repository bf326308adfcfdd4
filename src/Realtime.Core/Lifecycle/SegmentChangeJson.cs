using System.Text.Json;
using Realtime.Core.State;

namespace Realtime.Core.Lifecycle;

/// <summary>
/// The JSON of a <c>realtime.segments</c> message (contract for consumers; README has an example). Times are RFC 3339
/// UTC, absent thresholds are null, numbers are plain JSON numbers. Nothing here can throw on a value: money is
/// saturated (<see cref="Saturating"/>), an optional number that is not finite is written as null, and a time outside
/// the years 0001–9999 as null (Utf8JsonWriter refuses infinity, and DateTimeOffset refuses such times).
/// </summary>
public static class SegmentChangeJson
{
    // The range DateTimeOffset.FromUnixTimeMilliseconds accepts (0001-01-01 to 9999-12-31).
    private const long MinUnixMs = -62_135_596_800_000;
    private const long MaxUnixMs = 253_402_300_799_999;

    /// <summary>UTF-8 JSON of <paramref name="e"/>.</summary>
    public static byte[] Encode(SegmentChangeEvent e)
    {
        using var buffer = new MemoryStream(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("change_id", e.ChangeId);
            w.WriteString("customer_id", e.CustomerId);
            w.WriteString("segment", e.Change.Segment.ToWire());
            w.WriteString("change", e.Change.Transition == SegmentTransition.Entered ? "entered" : "left");
            w.WriteString("at", e.At.UtcDateTime);
            w.WriteString("primary_stage", e.Segments.Primary.ToWire());
            w.WriteStartArray("segments");
            foreach (var name in e.Segments.ToWireNames())
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            WriteFacts(w, e.Change.Facts);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteFacts(Utf8JsonWriter w, LifecycleFacts f)
    {
        w.WriteStartObject("facts");
        w.WriteNumber("order_count", f.OrderCount);
        w.WriteNumber("net_revenue", Saturating.Money(f.NetRevenue));
        Number(w, "days_since_last_order", f.DaysSinceLastOrder);
        Number(w, "expected_gap_days", f.ExpectedGapDays);
        Time(w, "overdue_at", f.OverdueAtMs);
        Time(w, "inactive_at", f.InactiveAtMs);
        w.WriteNumber("cart_value", Saturating.Money(f.CartValue));
        Time(w, "cart_abandoned_at", f.CartAbandonedAtMs);
        Time(w, "cart_stale_at", f.CartStaleAtMs);
        Time(w, "negative_until", f.NegativeUntilMs);
        if (f.Rfm is { } rfm)
        {
            w.WriteStartObject("rfm");
            w.WriteNumber("recency", rfm.Recency);
            w.WriteNumber("frequency", rfm.Frequency);
            w.WriteNumber("monetary", rfm.Monetary);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("rfm");
        }

        Number(w, "churn_score", f.ChurnScore);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Time(Utf8JsonWriter w, string name, long ms)
    {
        if (ms is >= MinUnixMs and <= MaxUnixMs && TimeUnits.FromMs(ms) is { } t)
        {
            w.WriteString(name, t.UtcDateTime);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
