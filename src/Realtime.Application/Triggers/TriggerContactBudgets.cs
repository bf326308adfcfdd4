using Realtime.Core.Offers;
using Realtime.Core.Triggers;

namespace Realtime.Application.Triggers;

/// <summary>
/// The offer engine's view of the contact budget it shares with triggers: the customer's trigger contacts from their
/// trigger log (one small hash read, issued beside the state read), counted by <see cref="ContactPolicy"/> for the
/// local day. Offers on another channel, or with <c>Triggers:AllowSameDayAsOffer</c>, read nothing.
/// </summary>
public sealed class TriggerContactBudgets(ITriggerStore store, ContactPolicy policy) : ISharedContactBudgets
{
    public async Task<SharedContactBudget?> ForAsync(string customerId, string channel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!policy.SharesBudgetWith(channel))
        {
            return null;
        }

        var logs = await store.LoadLogsAsync([customerId], cancellationToken);
        var contacts = logs.TryGetValue(customerId, out var log) ? log.Contacts : [];
        return policy.SharedWithOffer(channel, contacts, now);
    }
}
