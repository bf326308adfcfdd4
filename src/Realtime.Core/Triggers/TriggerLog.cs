namespace Realtime.Core.Triggers;

/// <summary>
/// What the engine remembers of one customer's triggers, beside (not inside) the customer state: the last occurrence
/// sent per key (so each occurrence goes out once), catalog triggers waiting to be sent, and the customer's recent
/// trigger contacts on the trigger channel (the daily budget).
/// </summary>
public sealed class TriggerLog
{
    /// <summary>Contacts remembered (newest); more than any daily budget.</summary>
    public const int MaxContacts = 20;

    /// <summary>Per key (<see cref="TriggerKeys"/>): the occurrence (<see cref="TriggerOccurrence.OccurrenceMs"/>) last sent or suppressed.</summary>
    public Dictionary<string, long> Sent { get; } = new(StringComparer.Ordinal);

    /// <summary>Catalog triggers waiting, per key.</summary>
    public Dictionary<string, PendingTrigger> Pending { get; } = new(StringComparer.Ordinal);

    /// <summary>Times (Unix ms) of the customer's recent trigger contacts, ascending.</summary>
    public List<long> Contacts { get; } = [];

    /// <summary>Whether <paramref name="occurrence"/> (or a later one of its key) was already sent.</summary>
    public bool WasSent(TriggerOccurrence occurrence) =>
        Sent.TryGetValue(occurrence.Key, out var sent) && sent >= occurrence.OccurrenceMs;
}
