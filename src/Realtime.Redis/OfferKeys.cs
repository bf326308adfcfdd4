namespace Realtime.Redis;

/// <summary>The offer keys: two store-wide hashes and one small key per customer under the customer's hash tag.</summary>
internal sealed class OfferKeys(RedisKeys keys)
{
    /// <summary>Hash of offer statistics (<c>shown:{offer}:{segment}</c>, <c>treated:{offer}</c>, ...), HINCRBY only.</summary>
    public string Stats => $"{keys.Prefix}:offers:stats";

    /// <summary>Hash of budget usage: <c>{offer}:redemptions</c> (HINCRBY) and <c>{offer}:spend</c> (HINCRBYFLOAT).</summary>
    public string Budget => $"{keys.Prefix}:offers:budget";

    /// <summary>A holdout customer's last counted exposure (<c>&lt;unix ms&gt;|&lt;offer id&gt;</c>), with the attribution window as TTL.</summary>
    public string HoldoutExposure(string customerId) => keys.Customer(customerId) + ":hx";
}
