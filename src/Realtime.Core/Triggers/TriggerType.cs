namespace Realtime.Core.Triggers;

/// <summary>The kinds of triggered communication, in priority order (the first due one goes out when the budget allows one).</summary>
public enum TriggerType
{
    /// <summary>A product the customer carted is in stock again.</summary>
    BackInStock,

    /// <summary>A product the customer carted or viewed got cheaper by at least the configured share.</summary>
    PriceDrop,

    /// <summary>The customer's own re-purchase rhythm says a product is about to run out.</summary>
    Replenishment,

    /// <summary>The customer's birthday.</summary>
    Birthday,

    /// <summary>A year (two, three...) since the customer's first order.</summary>
    Anniversary,

    /// <summary>A new product in one of the customer's top categories.</summary>
    NewInCategory,
}

/// <summary>The wire names of <see cref="TriggerType"/> (<c>type</c> on <c>realtime.triggers</c>).</summary>
public static class TriggerTypes
{
    public static string ToWire(this TriggerType type) => type switch
    {
        TriggerType.BackInStock => "back_in_stock",
        TriggerType.PriceDrop => "price_drop",
        TriggerType.Replenishment => "replenishment_due",
        TriggerType.Birthday => "birthday",
        TriggerType.Anniversary => "first_purchase_anniversary",
        TriggerType.NewInCategory => "new_in_category",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown trigger type"),
    };

    public static TriggerType FromWire(string wire) => wire switch
    {
        "back_in_stock" => TriggerType.BackInStock,
        "price_drop" => TriggerType.PriceDrop,
        "replenishment_due" => TriggerType.Replenishment,
        "birthday" => TriggerType.Birthday,
        "first_purchase_anniversary" => TriggerType.Anniversary,
        "new_in_category" => TriggerType.NewInCategory,
        _ => throw new ArgumentOutOfRangeException(nameof(wire), wire, "unknown trigger type"),
    };
}
