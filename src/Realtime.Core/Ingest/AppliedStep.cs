using Realtime.Core.State;

namespace Realtime.Core.Ingest;

/// <summary>
/// One event a batch applied, with the customer's state just before and just after it. Both states are snapshots
/// taken once by <see cref="BatchFolder.Fold"/> and shared by every consumer of the batch (lifecycle counters, item
/// signals, offer learning): treat them as read-only. A customer's steps chain: each step's <see cref="Before"/> is
/// the previous step's <see cref="After"/>, and the first one's is the state before the batch (empty for a new customer).
/// A customer's last <see cref="After"/> is the very state the batch writes, so its bookkeeping fields (position,
/// segment mask, counted CLV) are the batch's, set after the fold; what the events changed is final.
/// </summary>
/// <param name="Record">The applied record.</param>
/// <param name="Before">The state the event was applied to.</param>
/// <param name="After">The state the event produced (within the state budget, as stored).</param>
public sealed record AppliedStep(IngestRecord Record, CustomerState Before, CustomerState After)
{
    /// <summary>The customer the step changed.</summary>
    public string CustomerId => Record.Event.CustomerId;
}
