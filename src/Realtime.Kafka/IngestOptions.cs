using System.ComponentModel.DataAnnotations;

namespace Realtime.Kafka;

/// <summary>How ingest treats input and failures (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>
    /// Events dated further ahead of the processing clock than this are dead-lettered (a producer with a broken clock or
    /// a typo'd year must not make recency negative). Default 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Ingest counts as stalled (readiness and gRPC health go NOT_SERVING, <c>realtime_ingest_stalled</c> = 1) when it
    /// has made no progress for this long while events wait. Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries of a transient failure (Redis or broker unreachable, a timeout) before the batch is split to see whether
    /// one record causes it. Splitting never drops a record for an outage: a single record is dead-lettered only when
    /// it keeps failing while Redis answers its health check. Default 8 (about 20 s of backoff).
    /// </summary>
    [Range(1, 1000)]
    public int TransientRetries { get; set; } = 8;

    /// <summary>Longest wait between two retries (the backoff doubles from 100 ms, with jitter, up to this). Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Fault injection for the chaos suite and tests only: an event whose <c>event_id</c> starts with this prefix makes
    /// batch processing throw, as an engine bug would. Empty (default) disables it.
    /// </summary>
    public string FailOnEventIdPrefix { get; set; } = "";

    /// <summary>
    /// Customer states the worker keeps decoded in memory for its assigned partitions (owner-local cache; default
    /// 100000, 0 disables). A held state is checked against the store's stored position in the batch's read round trip
    /// and reloaded when it moved on, so a hit saves loading and decoding the state, never trusts it blind. Dropped for
    /// revoked partitions, on a refused write and when the store went backwards. Roughly 2–4 KB per state in memory.
    /// </summary>
    [Range(0, 10_000_000)]
    public int StateCacheCapacity { get; set; } = 100_000;

    /// <summary>
    /// Pipelining (default true): while a batch's states and bookkeeping are written, the worker consumes the next batch
    /// and, once the current one has folded, loads and folds the next on its post-states (a customer in both batches
    /// starts from the first batch's result). The next batch's writes, watermark check and commit still wait for the
    /// current batch to complete; if it did not complete cleanly (split, retried, revoked, store regression, a refused
    /// write) the preparation is dropped and the batch processed afresh. False processes one batch at a time.
    /// </summary>
    public bool PipelineBatches { get; set; } = true;

    /// <summary>
    /// Records per batch while there is a backlog (the previous batch came full at <c>Kafka:MaxBatchSize</c>): fewer,
    /// larger batches, so the per-batch round trips and broker acks cost less per event. Default 0 (= Kafka:MaxBatchSize,
    /// off); a caught-up stream keeps small batches either way. A crash redelivers at most one batch, so this also bounds
    /// the re-read after a crash.
    /// </summary>
    [Range(0, 50_000)]
    public int BacklogBatchSize { get; set; }
}
