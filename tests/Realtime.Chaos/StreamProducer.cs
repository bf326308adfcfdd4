using System.Diagnostics;
using Confluent.Kafka;

namespace Realtime.Chaos;

/// <summary>
/// Produces the stream paced over a duration (so faults land mid-stream), records where each record landed
/// (partition, offset: how the DLQ is checked) and when the last one was acknowledged.
/// </summary>
internal sealed class StreamProducer(string bootstrap, EventStream stream, TimeSpan duration)
{
    private readonly int[] _partition = new int[stream.Events.Count];
    private readonly long[] _offset = new long[stream.Events.Count];
    private int _enqueued;
    private int _failed;
    private string? _firstError;

    /// <summary>Stopwatch timestamp when every record was acknowledged (0 until then).</summary>
    public long FinishedAt { get; private set; }

    public int Failed => Volatile.Read(ref _failed);

    public string? FirstError => _firstError;

    public (int Partition, long Offset) PositionOf(int index) => (_partition[index], _offset[index]);

    public Task RunAsync() => Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Waits until <paramref name="fraction"/> of the stream has been handed to the producer (bounded).</summary>
    public async Task WaitEnqueuedAsync(double fraction)
    {
        var target = (int)(stream.Events.Count * fraction);
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref _enqueued) < target && deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(20);
        }
    }

    private void Run()
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            // The poison scenario's ~1 MB record must get past the producer's own 1 MB default.
            MessageMaxBytes = 4_000_000,
            QueueBufferingMaxMessages = 1_000_000,
            MessageTimeoutMs = 300_000,
        };
        using var producer = new ProducerBuilder<string, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        var events = stream.Events;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i++)
        {
            var due = duration * ((double)i / events.Count);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                Thread.Sleep(wait);
            }

            var index = i;
            var e = events[i];
            while (true)
            {
                try
                {
                    producer.Produce("realtime.events", new Message<string, byte[]> { Key = e.CustomerId, Value = e.Value }, r => Delivered(index, r));
                    break;
                }
                catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(100));
                }
            }

            Volatile.Write(ref _enqueued, i + 1);
        }

        producer.Flush(TimeSpan.FromMinutes(5));
        FinishedAt = Stopwatch.GetTimestamp();
    }

    private void Delivered(int index, DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed);
            _firstError ??= $"{stream.Events[index].Label}: {report.Error.Reason}";
            _partition[index] = -1;
            return;
        }

        _partition[index] = report.Partition.Value;
        _offset[index] = report.Offset.Value;
    }
}
