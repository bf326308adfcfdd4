using Realtime.Core.Lifecycle;
using Realtime.Core.Offers;
using Realtime.Core.Ports;
using Realtime.Core.State;

namespace Realtime.Application.Offers;

/// <summary>
/// Gathers what a decision needs and runs the engine: the customer's state (one Redis round trip, issued together with
/// the cached statistics and budget reads), segments at now from the one evaluator (<see cref="LifecycleEvaluator"/>, the
/// same call offer learning keys its statistics with), churn score and CLV for the value model from <see cref="IOfferSignals"/>, and the daily contact budget the
/// channel shares with triggers (<see cref="ISharedContactBudgets"/>). Decisions are published to the decision log; a holdout customer's withheld
/// offer is recorded as a holdout exposure (one more round trip, holdout customers only).
/// </summary>
public sealed class OfferAdvisor(
    ICustomerStateStore store,
    IOfferStatsStore stats,
    IHoldoutExposures exposures,
    IDecisionPublisher publisher,
    IOfferCatalogSource catalogs,
    IOfferSignals signals,
    LifecycleEvaluator evaluator,
    ISharedContactBudgets sharedBudgets,
    TimeProvider clock)
{
    /// <summary>The catalog serving now.</summary>
    public OfferCatalogSnapshot Catalog => catalogs.Current;

    /// <summary>Decides with Thompson sampling and publishes; null for an unknown customer.</summary>
    public async Task<OfferAdvice?> DecideAsync(string customerId, string channel, CancellationToken cancellationToken)
    {
        var snapshot = catalogs.Current;
        if (await PrepareAsync(snapshot, customerId, channel, cancellationToken) is not { } prepared)
        {
            return null;
        }

        var (request, segments, signal) = prepared;
        var decision = snapshot.Engine.Decide(request, Random.Shared);
        if (decision.Holdout && !string.Equals(decision.WouldHaveOfferId, OfferDecision.NoneId, StringComparison.Ordinal))
        {
            await RecordHoldoutAsync(snapshot, decision, cancellationToken);
        }

        var published = new PublishedDecision(Guid.CreateVersion7(request.Now).ToString(), decision, segments, signal.ModelVersion);
        publisher.Publish(published);
        return new OfferAdvice(published, signal, snapshot.Catalog.Currency);
    }

    /// <summary>Explains with posterior means (deterministic); nothing is published or recorded. Null for an unknown customer.</summary>
    public async Task<OfferAdvice?> ExplainAsync(string customerId, string channel, CancellationToken cancellationToken)
    {
        var snapshot = catalogs.Current;
        if (await PrepareAsync(snapshot, customerId, channel, cancellationToken) is not { } prepared)
        {
            return null;
        }

        var decision = snapshot.Engine.Explain(prepared.Request);
        return new OfferAdvice(new PublishedDecision(string.Empty, decision, prepared.Segments, prepared.Signals.ModelVersion), prepared.Signals, snapshot.Catalog.Currency);
    }

    /// <summary>Uplift per offer from statistics read now.</summary>
    public async Task<IReadOnlyList<UpliftEstimate>> UpliftAsync(CancellationToken cancellationToken) =>
        OfferUplift.Compute(await stats.ReadStatsAsync(cancellationToken));

    private async Task<(OfferRequest Request, IReadOnlyList<string> Segments, OfferSignals Signals)?> PrepareAsync(
        OfferCatalogSnapshot snapshot, string customerId, string channel, CancellationToken cancellationToken)
    {
        // Issued together: the state read and (on the trigger channel) the trigger log read reach Redis in one round
        // trip; the others are cached.
        var now = clock.GetUtcNow();
        var stateTask = store.GetAsync(customerId, cancellationToken);
        var statsTask = stats.GetStatsAsync(cancellationToken);
        var budgetTask = stats.GetBudgetUsageAsync(cancellationToken);
        var sharedTask = sharedBudgets.ForAsync(customerId, channel, now, cancellationToken);
        await Task.WhenAll(stateTask, statsTask, budgetTask, sharedTask);
        if (await stateTask is not CustomerState state)
        {
            return null;
        }

        var signal = signals.For(state, now);
        var segments = evaluator.Evaluate(state, now).Segments;
        var request = new OfferRequest
        {
            Customer = state,
            Segments = segments.ToList().ToHashSet(),
            Channel = channel,
            Now = now,
            ChurnScore = signal.ChurnScore,
            PredictedClv = signal.PredictedClv,
            Stats = await statsTask,
            BudgetUsed = await budgetTask,
            SharedBudget = await sharedTask,
        };
        return (request, segments.ToWireNames(), signal);
    }

    private async Task RecordHoldoutAsync(OfferCatalogSnapshot snapshot, OfferDecision decision, CancellationToken cancellationToken)
    {
        var id = decision.CustomerId;
        var known = await exposures.LoadAsync([id], cancellationToken);
        HoldoutExposure? previous = known.TryGetValue(id, out var p) ? p : null;
        var increments = snapshot.Learning.ForDecision(decision, previous, out var exposure);
        if (exposure is { } next)
        {
            var keepFor = TimeSpan.FromDays(snapshot.Catalog.Policy.AttributionDays);
            await Task.WhenAll(
                exposures.SaveAsync(id, next, keepFor, cancellationToken),
                stats.ApplyAsync(increments, [], cancellationToken));
        }
    }
}
