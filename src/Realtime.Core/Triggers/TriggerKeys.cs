namespace Realtime.Core.Triggers;

/// <summary>Keys of a customer's trigger log: one per type, and per product for the per-product types.</summary>
public static class TriggerKeys
{
    public static string Of(TriggerType type, string? productId = null) =>
        productId is null ? type.ToWire() : $"{type.ToWire()}:{productId}";
}
