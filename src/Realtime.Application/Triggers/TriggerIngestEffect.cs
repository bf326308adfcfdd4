using Realtime.Core.Events;
using Realtime.Core.Ports;
using Realtime.Core.State;
using Realtime.Core.Triggers;

namespace Realtime.Application.Triggers;

/// <summary>
/// Ingest's trigger step, after a batch's states are written: schedules customers whose trigger facts changed (first
/// order, birthday, purchased products) at their next time-driven trigger, records views and carts in the per-product
/// interest index and active customers in their top categories' index, and turns each <c>product_upserted</c> that
/// changes a product (new, back in stock, cheaper) into pending triggers for the customers those indexes name.
/// Like the item statistics, this is at-most-once under a crash right here (a redelivered batch writes no states and
/// a redelivered upsert is not newer than the facts it already recorded): bounded by one batch.
/// </summary>
public sealed class TriggerIngestEffect(ITriggerStore store, TriggerPlanner planner) : IBatchEffect
{
    private readonly TriggerOptions _options = planner.Options;

    /// <inheritdoc/>
    public async Task ApplyAsync(BatchEffectContext context, CancellationToken cancellationToken)
    {
        var now = context.Now;
        var schedule = new List<TriggerDue>();
        var members = new List<TriggerIndexEntry>();
        foreach (var s in context.Written)
        {
            if (TriggerFactsChanged(context.Result.Before.GetValueOrDefault(s.CustomerId), s) && planner.NextScheduledAt(s, now) is { } at)
            {
                schedule.Add(new TriggerDue(s.CustomerId, at));
            }
        }

        if (_options.IsEnabled(TriggerType.NewInCategory) && context.Written.Count > 0)
        {
            // Every state the batch passed through, not only its last: the index then holds, per category, the latest
            // time the category was among the customer's top ones, whatever the batch boundaries were (a batch split
            // to isolate a poison record must leave the same index as the unsplit batch).
            var written = context.WrittenIds;
            var latest = new Dictionary<(string Category, string CustomerId), long>();
            foreach (var step in context.Result.Steps)
            {
                if (written.Contains(step.CustomerId))
                {
                    foreach (var category in TriggerPlanner.TopCategories(step.After, _options.NewInCategory.TopCategories))
                    {
                        var key = (category, step.CustomerId);
                        latest[key] = Math.Max(latest.GetValueOrDefault(key), step.After.LastSeenMs);
                    }
                }
            }

            members.AddRange(latest.Select(kv => new TriggerIndexEntry(kv.Key.Category, kv.Key.CustomerId, kv.Value)));
        }

        var interest = new List<TriggerIndexEntry>();
        if (InterestTracked && context.Written.Count > 0)
        {
            var written = context.WrittenIds;
            foreach (var step in context.Result.Steps)
            {
                var e = step.Record.Event;
                if (e.Type is EventType.ProductViewed or EventType.AddedToCart && written.Contains(e.CustomerId))
                {
                    interest.Add(new TriggerIndexEntry(e.ProductId!, e.CustomerId, TimeUnits.ToMs(e.OccurredAt)));
                }
            }
        }

        await Task.WhenAll(
            store.ScheduleEarlierAsync(schedule, cancellationToken),
            store.RecordInterestAsync(interest, InterestCap, TimeSpan.FromDays(InterestDays), cancellationToken),
            store.RecordCategoryMembersAsync(members, _options.NewInCategory.MaxCustomers, TimeSpan.FromDays(90), cancellationToken));

        foreach (var e in context.CatalogEvents)
        {
            if (e.Type == EventType.ProductUpserted)
            {
                await DetectAsync(e, now, cancellationToken);
            }
        }
    }

    private bool InterestTracked => _options.IsEnabled(TriggerType.BackInStock) || _options.IsEnabled(TriggerType.PriceDrop);

    private int InterestCap => Math.Max(_options.BackInStock.MaxCustomers, _options.PriceDrop.MaxCustomers);

    private int InterestDays => Math.Max(_options.BackInStock.LookbackDays, _options.PriceDrop.LookbackDays);

    private async Task DetectAsync(CustomerEvent e, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = TimeUnits.ToMs(e.OccurredAt);
        var facts = new ProductFacts(e.Price, e.InStock, e.Category, at);
        var before = await store.ObserveProductAsync(e.ProductId!, facts, cancellationToken);
        if (ReferenceEquals(before, ProductFacts.Stale) || !e.InStock)
        {
            return;
        }

        if (before is null)
        {
            if (_options.IsEnabled(TriggerType.NewInCategory) && !string.IsNullOrEmpty(e.Category))
            {
                var customers = await store.CategoryMembersAsync(e.Category, _options.NewInCategory.MaxCustomers, cancellationToken);
                await store.AddPendingAsync(customers, new PendingTrigger(TriggerType.NewInCategory, e.ProductId!, e.Category, at, 0, e.Price), now, cancellationToken);
            }

            return;
        }

        CatalogTriggerOptions? rule = null;
        var type = TriggerType.BackInStock;
        if (!before.InStock && _options.IsEnabled(TriggerType.BackInStock))
        {
            rule = _options.BackInStock;
        }
        else if (before.InStock && before.Price > 0 && e.Price <= before.Price * (1 - (_options.PriceDrop.MinDropPercent / 100)) && _options.IsEnabled(TriggerType.PriceDrop))
        {
            (rule, type) = (_options.PriceDrop, TriggerType.PriceDrop);
        }

        if (rule is not null)
        {
            var since = at - (rule.LookbackDays * TimeUnits.MsPerDay);
            var customers = await store.InterestedAsync(e.ProductId!, since, rule.MaxCustomers, cancellationToken);
            await store.AddPendingAsync(customers, new PendingTrigger(type, e.ProductId!, e.Category ?? before.Category, at, before.Price, e.Price), now, cancellationToken);
        }
    }

    // Only what moves a time-driven trigger: a first order (anniversary), a birthday, a product's orders (replenishment).
    private static bool TriggerFactsChanged(CustomerState? before, CustomerState after) =>
        before is null
        || before.FirstOrderMs != after.FirstOrderMs
        || before.BirthdayMonthDay != after.BirthdayMonthDay
        || !before.Purchased.SequenceEqual(after.Purchased);
}
