using System.Diagnostics;
using Confluent.Kafka;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// Reads a consumer group's committed offsets without joining it (OffsetFetch from a client that never subscribes):
/// the ingest workers commit only after the state write, so committed == produced means every state is written.
/// </summary>
internal sealed class CommittedOffsets : IDisposable
{
    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly List<TopicPartition> _partitions;

    public CommittedOffsets(string bootstrap, string group, string topic, int partitions)
    {
        _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group, EnableAutoCommit = false }).Build();
        _partitions = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
    }

    public long Total() => _consumer.Committed(_partitions, TimeSpan.FromSeconds(5)).Sum(o => o.Offset == Offset.Unset ? 0 : o.Offset.Value);

    public async Task WaitForAsync(long total, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Total() < total)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"ingest committed {Total()} of {total} events within {timeout.TotalSeconds} s");
            }

            await Task.Delay(5);
        }
    }

    public void Dispose() => _consumer.Dispose();
}
