using Realtime.Core.Offers;

namespace Realtime.Core.Ports;

/// <summary>
/// Store-wide offer statistics (the bandit's shown/redeemed counts and the uplift counters, see
/// <see cref="OfferStats"/>) and budget usage per offer.
/// </summary>
public interface IOfferStatsStore
{
    /// <summary>Statistics as of at most a few seconds ago (cached: a decision must not cost a read of the whole hash).</summary>
    Task<OfferStats> GetStatsAsync(CancellationToken cancellationToken);

    /// <summary>Statistics read now, in one round trip (reports, uplift).</summary>
    Task<OfferStats> ReadStatsAsync(CancellationToken cancellationToken);

    /// <summary>Budget used per offer as of at most a few seconds ago; offers absent have used nothing.</summary>
    Task<IReadOnlyDictionary<string, OfferBudgetUsage>> GetBudgetUsageAsync(CancellationToken cancellationToken);

    /// <summary>Adds statistic and budget increments in one round trip.</summary>
    Task ApplyAsync(IReadOnlyCollection<StatIncrement> stats, IReadOnlyCollection<BudgetIncrement> budget, CancellationToken cancellationToken);
}
