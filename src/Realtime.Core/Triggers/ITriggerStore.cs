namespace Realtime.Core.Triggers;

/// <summary>
/// Where triggers are remembered: the trigger due index (customers by the time their next trigger is due, claimed
/// with a lease like the segment due index), each customer's <see cref="TriggerLog"/>, and the bounded indexes that
/// catalog triggers fan out from (recent viewers and carters per product, recently active customers per category).
/// </summary>
public interface ITriggerStore
{
    /// <summary>Claims up to <paramref name="max"/> customers due at <paramref name="now"/>, invisible to other sweepers for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// After a sweep: each claimed customer's next due time (null = nothing open), unless ingest scheduled it earlier
    /// while the sweep ran (then the earlier time stays, so a catalog trigger added meanwhile is not delayed).
    /// </summary>
    Task RescheduleAsync(IReadOnlyList<TriggerDue> entries, DateTimeOffset leaseEnd, CancellationToken cancellationToken);

    /// <summary>Schedules customers at the given times where that is earlier than what they have (or they have none).</summary>
    Task ScheduleEarlierAsync(IReadOnlyList<TriggerDue> entries, CancellationToken cancellationToken);

    /// <summary>The customers' logs (an empty log for a customer without one).</summary>
    Task<IReadOnlyDictionary<string, TriggerLog>> LoadLogsAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken);

    /// <summary>Applies what a sweep sent, suppressed and dropped to the customers' logs.</summary>
    Task SaveAsync(IReadOnlyList<TriggerLogChange> changes, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="pending"/> to each customer's log and schedules them at <paramref name="now"/> (earlier only).</summary>
    Task AddPendingAsync(IReadOnlyList<string> customerIds, PendingTrigger pending, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records the product's catalog facts (newest wins by time) and returns what they were before: null for a product
    /// never seen, <see cref="ProductFacts.Stale"/> when the stored facts are as new or newer (a redelivery).
    /// </summary>
    Task<ProductFacts?> ObserveProductAsync(string productId, ProductFacts facts, CancellationToken cancellationToken);

    /// <summary>Records customers' interest (view, cart) in products, keeping per product the <paramref name="cap"/> most recent for <paramref name="keepFor"/>.</summary>
    Task RecordInterestAsync(IReadOnlyList<TriggerIndexEntry> entries, int cap, TimeSpan keepFor, CancellationToken cancellationToken);

    /// <summary>Records customers active in their top categories, keeping per category the <paramref name="cap"/> most recent for <paramref name="keepFor"/>.</summary>
    Task RecordCategoryMembersAsync(IReadOnlyList<TriggerIndexEntry> entries, int cap, TimeSpan keepFor, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> customers interested in the product since <paramref name="sinceMs"/>, most recent first.</summary>
    Task<IReadOnlyList<string>> InterestedAsync(string productId, long sinceMs, int max, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> customers recently active in the category, most recent first.</summary>
    Task<IReadOnlyList<string>> CategoryMembersAsync(string category, int max, CancellationToken cancellationToken);

    /// <summary>Erasure: removes the customer from the due index and from every product and category index, and deletes its log.</summary>
    Task ForgetAsync(string customerId, CancellationToken cancellationToken);
}

/// <summary>A customer's next trigger due time (null = none open).</summary>
public readonly record struct TriggerDue(string CustomerId, DateTimeOffset? At);

/// <summary>One index entry: a product or category (<paramref name="Subject"/>), a customer, and when (Unix ms).</summary>
public readonly record struct TriggerIndexEntry(string Subject, string CustomerId, long AtMs);

/// <summary>A product's catalog facts as the trigger detector last saw them.</summary>
public sealed record ProductFacts(double Price, bool InStock, string? Category, long AtMs)
{
    /// <summary>Returned for an upsert not newer than the stored facts: nothing changed.</summary>
    public static readonly ProductFacts Stale = new(0, false, null, long.MaxValue);
}

/// <summary>What a sweep changes in one customer's log.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Sent">Keys marked sent (or suppressed), with the occurrence.</param>
/// <param name="RemovePending">Pending catalog triggers to drop (sent, suppressed or stale).</param>
/// <param name="Contacts">The customer's trigger contacts after the sweep (null = unchanged).</param>
/// <param name="ForgetSent">Sent marks old enough to forget (catalog keys past any redelivery).</param>
public sealed record TriggerLogChange(
    string CustomerId, IReadOnlyDictionary<string, long> Sent, IReadOnlyList<string> RemovePending, IReadOnlyList<long>? Contacts, IReadOnlyList<string> ForgetSent)
{
    public bool IsEmpty => Sent.Count == 0 && RemovePending.Count == 0 && Contacts is null && ForgetSent.Count == 0;
}
