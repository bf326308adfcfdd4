using System.Text.Json;

namespace Realtime.Core.Privacy;

/// <summary>
/// The JSON of a <c>customer_forgotten</c> record (contract for consumers of <c>realtime.segments</c>):
/// <c>{"type":"customer_forgotten","customer_id":"…","forgotten_at":"RFC 3339 UTC","request_id":"…"}</c>.
/// </summary>
public static class CustomerForgottenJson
{
    /// <summary>The value of <c>type</c> in the JSON and of the <c>realtime-type</c> header.</summary>
    public const string Type = "customer_forgotten";

    /// <summary>UTF-8 JSON of <paramref name="record"/>.</summary>
    public static byte[] Encode(CustomerForgotten record)
    {
        using var buffer = new MemoryStream(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", Type);
            w.WriteString("customer_id", record.CustomerId);
            w.WriteString("forgotten_at", record.ForgottenAt.UtcDateTime);
            w.WriteString("request_id", record.RequestId);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
