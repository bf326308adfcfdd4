using Realtime.Core.Ports;
using Realtime.Core.State;
using Realtime.Core.Triggers;

namespace Realtime.Application.Triggers;

/// <summary>
/// Publishes the triggers that are due: claims the customers due now from the trigger due index (leased, so concurrent
/// sweepers never take the same customer), plans each from its state and trigger log, applies the contact policy
/// (suppress, defer, send), publishes with acks awaited, then remembers what went out and reschedules. Publication is
/// at-least-once with a stable <see cref="TriggerOccurrence.TriggerId"/>: a crash between the publish and the log
/// write publishes the same ids again on the next sweep.
/// </summary>
public sealed class TriggerSweeper(ICustomerStateStore states, ITriggerStore store, ITriggerPublisher publisher, TriggerPlanner planner, ContactPolicy policy)
{
    /// <summary>Sent marks of catalog triggers are kept this long: longer than any redelivered fan-out could arrive.</summary>
    public static readonly TimeSpan CatalogSentRetention = TimeSpan.FromDays(30);

    /// <summary>One sweep at <paramref name="now"/> over up to <paramref name="max"/> due customers.</summary>
    public async Task<TriggerSweepResult> SweepAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimDueAsync(now, max, lease, cancellationToken);
        if (claimed.Count == 0)
        {
            return new TriggerSweepResult(0, 0, 0, 0);
        }

        var loading = states.LoadAsync(claimed, cancellationToken);
        var logsLoading = store.LoadLogsAsync(claimed, cancellationToken);
        await Task.WhenAll(loading, logsLoading);
        var (loaded, logs) = (await loading, await logsLoading);
        var messages = new List<TriggerMessage>();
        var changes = new List<TriggerLogChange>();
        var due = new List<TriggerDue>(claimed.Count);
        int deferred = 0, suppressed = 0;
        foreach (var id in claimed)
        {
            if (!loaded.TryGetValue(id, out var state))
            {
                due.Add(new TriggerDue(id, null)); // forgotten meanwhile
                continue;
            }

            var outcome = Decide(state, logs[id], now, messages);
            deferred += outcome.Deferred;
            suppressed += outcome.Suppressed;
            if (!outcome.Change.IsEmpty)
            {
                changes.Add(outcome.Change);
            }

            due.Add(new TriggerDue(id, outcome.NextAt));
        }

        // Acks first, then the log: a crash in between republishes the same trigger ids (at-least-once).
        await publisher.PublishAsync(messages, cancellationToken);
        await store.SaveAsync(changes, cancellationToken);
        await store.RescheduleAsync(due, now + lease, cancellationToken);
        return new TriggerSweepResult(claimed.Count, messages.Count, deferred, suppressed);
    }

    private CustomerOutcome Decide(CustomerState state, TriggerLog log, DateTimeOffset now, List<TriggerMessage> messages)
    {
        var plan = planner.Plan(state, log, now);
        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        var remove = new List<string>(plan.StalePending);
        var contacts = new List<long>(log.Contacts);
        var next = plan.NextAt;
        int deferred = 0, suppressed = 0;
        foreach (var o in plan.Due)
        {
            var decision = policy.Decide(state, contacts, now);
            if (decision.Verdict == ContactVerdict.Defer)
            {
                deferred++;
                next = TriggerPlanner.Earlier(next, decision.Until);
                continue;
            }

            if (decision.Verdict == ContactVerdict.Send)
            {
                messages.Add(new TriggerMessage(o, planner.Options.Channel, now));
                contacts.Add(now.ToUnixTimeMilliseconds());
            }
            else
            {
                suppressed++;
            }

            sent[o.Key] = o.OccurrenceMs;
            if (log.Pending.ContainsKey(o.Key))
            {
                remove.Add(o.Key);
            }
        }

        // Sent time-driven occurrences may open the next one (a later replenishment cycle is never before the next order).
        if (sent.Count > 0)
        {
            var after = new TriggerLog();
            foreach (var (k, v) in log.Sent)
            {
                after.Sent[k] = v;
            }

            foreach (var (k, v) in sent)
            {
                after.Sent[k] = v;
            }

            next = TriggerPlanner.Earlier(next, planner.Plan(state, after, now).NextAt);
        }

        var oldest = (now - CatalogSentRetention).ToUnixTimeMilliseconds();
        var forget = log.Sent.Where(kv => kv.Value < oldest && IsCatalogKey(kv.Key)).Select(kv => kv.Key).ToList();
        var contactsChanged = contacts.Count != log.Contacts.Count;
        if (contacts.Count > TriggerLog.MaxContacts)
        {
            contacts.RemoveRange(0, contacts.Count - TriggerLog.MaxContacts);
        }

        var change = new TriggerLogChange(state.CustomerId, sent, remove, contactsChanged ? contacts : null, forget);
        return new CustomerOutcome(change, next, deferred, suppressed);
    }

    private static bool IsCatalogKey(string key) =>
        key.StartsWith(TriggerType.BackInStock.ToWire(), StringComparison.Ordinal)
        || key.StartsWith(TriggerType.PriceDrop.ToWire(), StringComparison.Ordinal)
        || key.StartsWith(TriggerType.NewInCategory.ToWire(), StringComparison.Ordinal);

    private sealed record CustomerOutcome(TriggerLogChange Change, DateTimeOffset? NextAt, int Deferred, int Suppressed);
}

/// <summary>What one trigger sweep did.</summary>
public sealed record TriggerSweepResult(int Claimed, int Published, int Deferred, int Suppressed);
