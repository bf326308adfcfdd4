using Microsoft.Extensions.Logging;
using Realtime.Core.Lifecycle.Wiring;
using Realtime.Core.Offers;
using Realtime.Core.Ports;

namespace Realtime.Redis;

/// <summary>
/// The ingest side of offer learning: after a batch's state write, turns its <c>offer_shown</c>, <c>offer_redeemed</c>
/// and <c>order_placed</c> events into statistic and budget increments (<see cref="OfferBatchLearning"/>, exact
/// per-event pre-states) and adds them in one round trip, plus one to read the holdout exposures of customers who
/// ordered. A failure fails the batch, which is retried; the retry finds the states already written and teaches
/// nothing twice (at-most-once, DESIGN §2.4).
/// </summary>
public sealed partial class OfferLearningEffect(
    IOfferCatalogSource catalogs,
    IOfferStatsStore stats,
    IHoldoutExposures exposures,
    LifecycleEvaluator evaluator,
    ILogger<OfferLearningEffect> logger) : IBatchEffect
{
    public async Task ApplyAsync(BatchEffectContext context, CancellationToken cancellationToken)
    {
        if (context.Result.Steps.Count == 0)
        {
            return;
        }

        var ordered = OfferBatchLearning.CustomersWithOrders(context);
        var known = ordered.Count == 0
            ? new Dictionary<string, HoldoutExposure>()
            : await exposures.LoadAsync(ordered, cancellationToken);
        var learned = OfferBatchLearning.Collect(context, catalogs.Current, evaluator, known);
        if (learned.IsEmpty)
        {
            return;
        }

        await stats.ApplyAsync(learned.Stats, learned.Budget, cancellationToken);
        LogLearned(logger, learned.Stats.Count, learned.Budget.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Offer learning: {Counters} counters, {Budgets} budgets updated")]
    private static partial void LogLearned(ILogger logger, int counters, int budgets);
}
