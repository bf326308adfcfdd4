using Microsoft.Extensions.Options;
using Realtime.Core.Ports;
using Realtime.Core.Recommendations;

namespace Realtime.Redis;

/// <summary>
/// Ingest's item-statistics step: after a batch's customer states are written, replays the applied events of the
/// written customers (<see cref="ItemSignalReplay"/>) and writes the resulting increments and catalog facts in one
/// pipelined round trip. It runs before the batch's offsets are committed, but the statistics are cross-customer
/// aggregates without a position of their own: when the batch is retried or redelivered after its states were written
/// (a crash or a Redis error around this step), the fold skips its records as already applied and this step adds
/// nothing, so at most one batch's increments are lost (at-most-once, DESIGN §2.4). A rebalance during a batch can
/// count the overlap of two owners' batches twice; docs/recommendations.md explains the bound.
/// </summary>
public sealed class ItemSignalsEffect(RedisItemSignalWriter writer, IOptions<ItemSignalOptions> options) : IBatchEffect
{
    private readonly ItemSignalOptions _options = options.Value;

    /// <inheritdoc/>
    public async Task ApplyAsync(BatchEffectContext context, CancellationToken cancellationToken)
    {
        var batch = new ItemSignalBatch();
        ItemSignalReplay.Collect(context, _options, batch);
        if (batch.Increments.Count > 0 || batch.Catalog.Count > 0)
        {
            await writer.WriteAsync(batch, cancellationToken);
        }
    }
}
