using Confluent.Kafka;

namespace Realtime.Kafka;

/// <summary>
/// The next batch, consumed while the current one is written (pipelining), and once the current one has folded, its
/// preparation: decode, load and fold on the current batch's post-states (<see cref="BatchAttempt.PrepareAsync"/>).
/// Used only if the current batch completes cleanly (no split, no retry, no revocation, no store regression, every
/// state written); otherwise its records go back to the front of the queue and are processed afresh.
/// </summary>
internal sealed class PrefetchedBatch
{
    public List<ConsumeResult<string?, byte[]?>> Records { get; } = [];

    public StoreRegressions Regressions { get; } = new();

    /// <summary>The prepared attempt (null until started); a failure here is not a record's: the batch is just processed afresh.</summary>
    public Task<BatchAttempt>? Prepared { get; private set; }

    /// <summary>The batch whose post-states the preparation folds on: it is used only after that very batch completed.</summary>
    public BatchAttempt? Basis { get; private set; }

    public void Prepare(BatchAttempt basis, Func<BatchAttempt> create)
    {
        Basis = basis;
        Prepared = Task.Run(async () =>
        {
            var attempt = create();
            await attempt.PrepareAsync(CancellationToken.None);
            return attempt;
        });
    }

    /// <summary>The prepared attempt when it succeeded (waiting for it if it still runs), else null.</summary>
    public async Task<BatchAttempt?> PreparedOrNullAsync()
    {
        if (Prepared is null)
        {
            return null;
        }

        try
        {
            return await Prepared;
        }
        catch (Exception)
        {
            return null; // e.g. Redis briefly unreachable or an injected fault: the normal path retries or isolates it
        }
    }
}
