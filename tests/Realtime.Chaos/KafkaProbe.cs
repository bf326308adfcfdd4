using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Realtime.Chaos;

/// <summary>
/// The harness's view of the broker: the ingest group's lag (committed offsets against high watermarks, read without
/// joining the group) and the dead-letter topic's records. No admin or group-listing calls: they crash the mock (DESIGN §9).
/// </summary>
internal sealed class KafkaProbe(string bootstrap, int partitions) : IDisposable
{
    public const string EventsTopic = "realtime.events";
    public const string DeadLetterTopic = "realtime.dlq";
    public const string IngestGroup = "realtime-ingest";

    private readonly IConsumer<Ignore, Ignore> _offsets = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
    {
        BootstrapServers = bootstrap,
        GroupId = IngestGroup, // only to read the group's committed offsets; this consumer never subscribes
        EnableAutoCommit = false,
        LogConnectionClose = false,
    }).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();

    private readonly List<TopicPartition> _partitions = Enumerable.Range(0, partitions).Select(p => new TopicPartition(EventsTopic, p)).ToList();

    /// <summary>Events produced but not committed by the group, summed over partitions; null when the broker does not answer.</summary>
    public long? Lag() => Offsets() is { } o ? o.Sum(x => Math.Max(0, x.High - x.Committed)) : null;

    /// <summary>Sum of the committed offsets (progress of the group); null when the broker does not answer.</summary>
    public long? Committed() => Offsets() is { } o ? o.Sum(x => x.Committed) : null;

    /// <summary>Every record in the DLQ: (source partition, source offset, reason).</summary>
    public List<(int Partition, long Offset, string Reason)> ReadDeadLetters(TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "chaos-dlq-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(DeadLetterTopic, p, Offset.Beginning)));
        var records = new List<(int, long, string)>();
        var eof = new HashSet<int>();
        var deadline = DateTime.UtcNow + timeout;
        while (eof.Count < partitions && DateTime.UtcNow < deadline)
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (r is null)
            {
                continue;
            }

            if (r.IsPartitionEOF)
            {
                eof.Add(r.Partition.Value);
                continue;
            }

            records.Add((int.Parse(Header(r, "dlq.source.partition") ?? "-1", CultureInfo.InvariantCulture),
                long.Parse(Header(r, "dlq.source.offset") ?? "-1", CultureInfo.InvariantCulture),
                Header(r, "dlq.reason") ?? ""));
        }

        if (eof.Count < partitions)
        {
            throw new TimeoutException("could not read the DLQ to its end");
        }

        return records;
    }

    public void Dispose() => _offsets.Dispose();

    private static string? Header(ConsumeResult<Ignore, Ignore> r, string name) =>
        r.Message.Headers is { } h && h.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    private List<(long High, long Committed)>? Offsets()
    {
        try
        {
            var committed = _offsets.Committed(_partitions, TimeSpan.FromSeconds(3));
            var result = new List<(long, long)>(_partitions.Count);
            foreach (var c in committed)
            {
                var w = _offsets.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(3));
                var done = c.Offset == Offset.Unset ? w.Low.Value : c.Offset.Value;
                result.Add((w.High.Value, done));
            }

            return result;
        }
        catch (KafkaException)
        {
            return null;
        }
    }
}
