using Realtime.Core.Ports;

namespace Realtime.Kafka;

/// <summary>
/// The partitions of one consumed batch on which the state store was found behind what was already applied, each
/// with the offset to re-read from. Shared by every part of the batch (while a failure is isolated), so a part that
/// finds a regression keeps the later parts off that partition, and the worker seeks it back once the batch is done.
/// </summary>
internal sealed class StoreRegressions
{
    private readonly Dictionary<int, long> _held = [];

    public int Count => _held.Count;

    public IEnumerable<WatermarkRegression> All => _held.Select(kv => new WatermarkRegression(kv.Key, kv.Value));

    public bool Contains(int partition) => _held.ContainsKey(partition);

    /// <summary>Records a regression; found twice, the lower offset wins (re-reading more is harmless, less is not).</summary>
    public void Add(WatermarkRegression regression) =>
        _held[regression.Partition] = Math.Min(regression.Held, _held.GetValueOrDefault(regression.Partition, long.MaxValue));
}
