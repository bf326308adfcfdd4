using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Triggers;

/// <summary>
/// Which triggers a customer has open: the time-driven ones from its state (anniversary, birthday, replenishment per
/// product) and the catalog ones waiting in its log, each once per occurrence (the log's sent marks). Pure: the sweeper
/// and ingest call it with the time.
/// </summary>
public sealed class TriggerPlanner(TriggerOptions options)
{
    private readonly TimeZoneInfo _zone = options.Zone();

    public TriggerOptions Options => options;

    /// <summary>
    /// The earliest open time-driven occurrence (due in the past or the future), ignoring what was sent: what ingest
    /// schedules a customer at (the sweeper then skips an occurrence already sent and reschedules past it). Null when none.
    /// </summary>
    public DateTimeOffset? NextScheduledAt(CustomerState state, DateTimeOffset now) => Earliest(Scheduled(state, null, now));

    /// <summary>What is due at <paramref name="now"/>, in priority order, and when the customer needs looking at next.</summary>
    public TriggerPlan Plan(CustomerState state, TriggerLog log, DateTimeOffset now)
    {
        var due = new List<TriggerOccurrence>();
        DateTimeOffset? next = null;
        foreach (var o in Scheduled(state, log, now))
        {
            if (o.DueAt <= now)
            {
                due.Add(o);
            }
            else
            {
                next = Earlier(next, o.DueAt);
            }
        }

        var stale = new List<string>();
        foreach (var (key, pending) in log.Pending)
        {
            if (!options.IsEnabled(pending.Type) || (log.Sent.TryGetValue(key, out var sent) && sent >= pending.AtMs) || !StillRelevant(state, pending, now))
            {
                stale.Add(key);
                continue;
            }

            due.Add(Catalog(state.CustomerId, pending));
        }

        due.Sort((a, b) => a.Type != b.Type ? a.Type.CompareTo(b.Type) : a.DueAt.CompareTo(b.DueAt));
        return new TriggerPlan(due, next, stale);
    }

    /// <summary>The open time-driven occurrences; with a log, each key's next after the one last sent.</summary>
    public IEnumerable<TriggerOccurrence> Scheduled(CustomerState state, TriggerLog? log, DateTimeOffset now)
    {
        var id = state.CustomerId;
        if (options.IsEnabled(TriggerType.Anniversary) && state.FirstOrderMs > 0)
        {
            var first = TriggerCalendar.LocalDate(DateTimeOffset.FromUnixTimeMilliseconds(state.FirstOrderMs), _zone);
            // After the end of the first order's local day: the first occurrence is a year later.
            var after = TriggerCalendar.AtLocalHour(first, 0, _zone).AddDays(1);
            var o = Yearly(id, TriggerType.Anniversary, new MonthDay(first.Month, first.Day), after, options.Anniversary, log, now);
            var years = TriggerCalendar.LocalDate(o.DueAt, _zone).Year - first.Year;
            yield return o with { Reason = $"{years} year(s) since the first order", Details = new Dictionary<string, double> { ["years"] = years } };
        }

        if (options.IsEnabled(TriggerType.Birthday) && MonthDay.FromPacked(state.BirthdayMonthDay) is { } birthday)
        {
            // A year back: this year's birthday, if still open, comes first.
            yield return Yearly(id, TriggerType.Birthday, birthday, now.AddYears(-1), options.Birthday, log, now) with { Reason = "birthday" };
        }

        if (!options.IsEnabled(TriggerType.Replenishment))
        {
            yield break;
        }

        foreach (var item in state.Purchased)
        {
            if (TriggerCalendar.ReplenishmentDue(item, options.Replenishment) is not { } at
                || TriggerCalendar.ReplenishmentExpires(item, options.Replenishment) <= now)
            {
                continue;
            }

            var o = new TriggerOccurrence
            {
                Type = TriggerType.Replenishment,
                CustomerId = id,
                ProductId = item.ProductId,
                Category = item.Category,
                DueAt = at,
                OccurrenceMs = item.LastMs,
                Reason = "due again by the customer's own re-purchase rhythm",
                Details = new Dictionary<string, double>
                {
                    ["orders"] = item.Orders,
                    ["gap_days"] = Math.Round(TriggerCalendar.RepurchaseGapDays(item, options.Replenishment)!.Value, 2),
                    ["last_order_at_ms"] = item.LastMs,
                },
            };
            if (log is null || !log.WasSent(o))
            {
                yield return o;
            }
        }
    }

    // The open occurrence of a yearly key; once one is sent, the next after it.
    private TriggerOccurrence Yearly(
        string id, TriggerType type, MonthDay day, DateTimeOffset after, YearlyTriggerOptions yearly, TriggerLog? log, DateTimeOffset now)
    {
        if (log is not null && log.Sent.TryGetValue(TriggerKeys.Of(type), out var sentMs) && DateTimeOffset.FromUnixTimeMilliseconds(sentMs) > after)
        {
            after = DateTimeOffset.FromUnixTimeMilliseconds(sentMs);
        }

        var due = TriggerCalendar.NextYearly(day, yearly.SendHour, _zone, after, now, TimeSpan.FromDays(yearly.MaxLateDays));
        return new TriggerOccurrence { Type = type, CustomerId = id, DueAt = due, OccurrenceMs = due.ToUnixTimeMilliseconds(), Reason = string.Empty };
    }

    private bool StillRelevant(CustomerState state, PendingTrigger p, DateTimeOffset now)
    {
        var (maxLate, lookback) = p.Type switch
        {
            TriggerType.BackInStock => (options.BackInStock.MaxLateDays, options.BackInStock.LookbackDays),
            TriggerType.PriceDrop => (options.PriceDrop.MaxLateDays, options.PriceDrop.LookbackDays),
            _ => (options.NewInCategory.MaxLateDays, 0),
        };
        if (DateTimeOffset.FromUnixTimeMilliseconds(p.AtMs).AddDays(maxLate) <= now)
        {
            return false;
        }

        // Bought since the interest that qualified the customer: nothing to tell.
        var since = p.AtMs - (lookback * TimeUnits.MsPerDay);
        if (state.Purchased.Any(i => i.ProductId == p.ProductId && i.LastMs >= since))
        {
            return false;
        }

        return p.Type != TriggerType.NewInCategory || TopCategories(state, options.NewInCategory.TopCategories).Contains(p.Category ?? string.Empty);
    }

    /// <summary>The customer's <paramref name="k"/> categories with the highest affinity.</summary>
    public static IReadOnlyList<string> TopCategories(CustomerState state, int k)
    {
        // Called for every step of every ingest batch (the category index): a sorted copy of the (at most 8) affinities
        // instead of a LINQ ordering, which allocated several buffers per call. Categories are distinct within a
        // state, so the order is total and an unstable sort gives the same result.
        if (k <= 0 || state.Categories.Count == 0)
        {
            return [];
        }

        var sorted = state.Categories.ToArray();
        Array.Sort(sorted, static (a, b) => b.Score.CompareTo(a.Score) is var byScore and not 0 ? byScore : string.CompareOrdinal(a.Category, b.Category));
        var top = new string[Math.Min(k, sorted.Length)];
        for (var i = 0; i < top.Length; i++)
        {
            top[i] = sorted[i].Category;
        }

        return top;
    }

    private static TriggerOccurrence Catalog(string id, PendingTrigger p)
    {
        var details = new Dictionary<string, double> { ["new_price"] = p.NewPrice };
        if (p.OldPrice > 0)
        {
            details["old_price"] = p.OldPrice;
        }

        if (p.Type == TriggerType.PriceDrop && p.OldPrice > 0)
        {
            details["drop_percent"] = Math.Round(100 * (p.OldPrice - p.NewPrice) / p.OldPrice, 1);
        }

        return new TriggerOccurrence
        {
            Type = p.Type,
            CustomerId = id,
            ProductId = p.ProductId,
            Category = p.Category,
            DueAt = DateTimeOffset.FromUnixTimeMilliseconds(p.AtMs),
            OccurrenceMs = p.AtMs,
            Reason = p.Type switch
            {
                TriggerType.BackInStock => "a product the customer carted or viewed is back in stock",
                TriggerType.PriceDrop => "a product the customer carted or viewed is cheaper",
                _ => "a new product in one of the customer's top categories",
            },
            Details = details,
        };
    }

    private static DateTimeOffset? Earliest(IEnumerable<TriggerOccurrence> occurrences)
    {
        DateTimeOffset? min = null;
        foreach (var o in occurrences)
        {
            min = Earlier(min, o.DueAt);
        }

        return min;
    }

    /// <summary>The earlier of two optional times.</summary>
    public static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}

/// <summary>A customer's triggers at one time.</summary>
/// <param name="Due">Occurrences due now and not sent, highest priority first.</param>
/// <param name="NextAt">When the next time-driven occurrence becomes due (null: none open).</param>
/// <param name="StalePending">Pending catalog triggers no longer worth sending (too late, bought since, category no longer top), to drop.</param>
public sealed record TriggerPlan(IReadOnlyList<TriggerOccurrence> Due, DateTimeOffset? NextAt, IReadOnlyList<string> StalePending);
