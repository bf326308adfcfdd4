namespace Realtime.Redis;

/// <summary>
/// The key layout. A customer's keys carry the hash tag <c>{c:&lt;id&gt;}</c> so Redis Cluster keeps them on one slot
/// (DESIGN §2.3).
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>Hash with the customer's encoded state (<c>s</c>) and last applied log position (<c>p</c>, <c>o</c>).</summary>
    public string Customer(string customerId) => $"{Prefix}:{{c:{customerId}}}";

    /// <summary>Pattern matching every customer key (for SCAN-based exports).</summary>
    public string CustomerPattern => $"{Prefix}:{{c:*}}";

    /// <summary>The customer id inside a customer key.</summary>
    public string CustomerIdOf(string key) => key[(Prefix.Length + 4)..^1];

    /// <summary>Sorted set of customers by the time (Unix ms) their segments next change with time alone.</summary>
    public string SegmentDue => $"{Prefix}:due";

    /// <summary>String with the fitted CLV model (JSON: parameters, fitted_at, customers, log-likelihoods).</summary>
    public string ClvModel => $"{Prefix}:clv:model";

    /// <summary>
    /// String with the applied watermark of one partition of a source topic (the next offset to apply). Its own hash
    /// tag per partition, so partitions spread over a cluster's slots.
    /// </summary>
    public string AppliedWatermark(string topic, int partition) => $"{Prefix}:{{wm:{topic}:{partition}}}";

    /// <summary>A writer's last counted batch, so a retried batch counts once (same slot as the summary hash).</summary>
    public string CounterGuard(string summaryKey, string writer) => $"{{{summaryKey}}}:once:{writer}";

    /// <summary>The CLV refit lease (SET NX PX), so one instance refits per interval.</summary>
    public string ClvFitLease => $"{Prefix}:clv:fit-lease";
}
