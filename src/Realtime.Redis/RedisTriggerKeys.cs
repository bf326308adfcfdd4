namespace Realtime.Redis;

/// <summary>
/// The trigger keys. A customer's trigger log carries the customer's hash tag (<c>{c:&lt;id&gt;}</c>, same slot as its
/// state); each product's and category's index has a tag of its own, so a cluster spreads them over its slots.
/// </summary>
public sealed class RedisTriggerKeys(string prefix)
{
    /// <summary>Sorted set: customer id → Unix ms its next trigger is due (or its claim lease ends).</summary>
    public string Due => $"{prefix}:trig:due";

    /// <summary>Hash: the customer's trigger log (<c>s:&lt;key&gt;</c> sent marks, <c>p:&lt;key&gt;</c> pending, <c>c</c> contacts).</summary>
    public string Log(string customerId) => $"{prefix}:{{c:{customerId}}}:trig";

    /// <summary>Hash: a product's catalog facts as the trigger detector last saw them (price, stock, cat, at).</summary>
    public string Product(string productId) => $"{prefix}:trig:prod:{{p:{productId}}}";

    /// <summary>Sorted set: customers who viewed or carted the product → Unix ms of the latest, capped.</summary>
    public string Interest(string productId) => $"{prefix}:trig:seen:{{p:{productId}}}";

    /// <summary>Patterns matching every product and category index (erasure scans them).</summary>
    public IReadOnlyList<string> IndexPatterns => [$"{prefix}:trig:seen:*", $"{prefix}:trig:cat:*"];

    /// <summary>Sorted set: customers with the category in their top categories → Unix ms last active, capped.</summary>
    public string Category(string category) => $"{prefix}:trig:cat:{{k:{category}}}";
}
