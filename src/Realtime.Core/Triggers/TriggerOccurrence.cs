using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Realtime.Core.Triggers;

/// <summary>One occurrence of a trigger for one customer: what <c>realtime.triggers</c> carries.</summary>
public sealed record TriggerOccurrence
{
    public required TriggerType Type { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>The product (replenishment, back in stock, price drop, new in category).</summary>
    public string? ProductId { get; init; }

    /// <summary>The category (new in category; the product's category otherwise, when known).</summary>
    public string? Category { get; init; }

    /// <summary>When the trigger became due.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>
    /// Identity of the occurrence within its key, Unix ms, increasing: the due time (yearly types), the cycle's last
    /// order (replenishment), the catalog change (catalog types).
    /// </summary>
    public required long OccurrenceMs { get; init; }

    /// <summary>Why, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>Figures behind the reason (old/new price, gap days, years...).</summary>
    public IReadOnlyDictionary<string, double> Details { get; init; } = new Dictionary<string, double>();

    /// <summary>The log key (<see cref="TriggerKeys"/>).</summary>
    public string Key => Type is TriggerType.Anniversary or TriggerType.Birthday ? TriggerKeys.Of(Type) : TriggerKeys.Of(Type, ProductId);

    /// <summary>
    /// Deterministic id: SHA-256 of customer, type, product and the due date (UTC), 32 hex characters. A redelivery or a
    /// restart that publishes the same occurrence again publishes the same id, so consumers can dedupe.
    /// </summary>
    public string TriggerId => IdOf(CustomerId, Type, ProductId, DateOnly.FromDateTime(DueAt.UtcDateTime));

    public static string IdOf(string customerId, TriggerType type, string? productId, DateOnly dueDate)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{customerId}\n{type.ToWire()}\n{productId}\n{dueDate:yyyy-MM-dd}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
