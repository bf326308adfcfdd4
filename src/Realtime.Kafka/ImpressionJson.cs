using System.Buffers;
using System.Text.Json;
using Realtime.Core.Recommendations;

namespace Realtime.Kafka;

/// <summary>
/// The JSON of one message on the impressions topic:
/// <c>{"request_id","customer_id"|null,"context":{"product_id"|null,"page_type","category"|null},"items":[{"product_id","position","reason","score"}],"at"}</c>,
/// positions from 1, <c>at</c> in RFC 3339 (UTC).
/// </summary>
public static class ImpressionJson
{
    /// <summary>Encodes <paramref name="impression"/> as UTF-8 JSON.</summary>
    public static byte[] Encode(RecommendationImpression impression)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (impression.Items.Count * 80));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("request_id", impression.RequestId);
            WriteNullable(w, "customer_id", impression.CustomerId);
            w.WriteStartObject("context");
            WriteNullable(w, "product_id", impression.ContextProductId);
            w.WriteString("page_type", impression.PageType);
            WriteNullable(w, "category", impression.ContextCategory);
            w.WriteEndObject();
            w.WriteStartArray("items");
            for (var i = 0; i < impression.Items.Count; i++)
            {
                var item = impression.Items[i];
                w.WriteStartObject();
                w.WriteString("product_id", item.ProductId);
                w.WriteNumber("position", i + 1);
                w.WriteString("reason", item.Reason.ToWireName());
                w.WriteNumber("score", Math.Round(item.Score, 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("at", impression.At.UtcDateTime);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
