using Realtime.Core.Events;

namespace Realtime.Core.Acquisition;

/// <summary>
/// Marketing spend per (channel, campaign) pair and UTC day, recorded once per <c>event_id</c>: a redelivered or
/// re-sent <c>marketing_spend</c> adds nothing.
/// </summary>
public interface IMarketingSpendLedger
{
    /// <summary>Records the spend events (each spread evenly over its days, see <see cref="SpendAllocation"/>); events already recorded are skipped.</summary>
    Task RecordAsync(IReadOnlyList<CustomerEvent> spends, CancellationToken cancellationToken);

    /// <summary>Spend per <see cref="SpendAllocation.Field"/> (<c>&lt;pair&gt;:&lt;yyyy-MM-dd&gt;</c>), read in one round trip.</summary>
    Task<IReadOnlyDictionary<string, double>> ReadAllAsync(CancellationToken cancellationToken);
}
