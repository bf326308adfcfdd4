using Confluent.Kafka;

namespace Realtime.IntegrationTests;

/// <summary>
/// A separate consumer of one of the engine's output topics (all 4 partitions, from the beginning), as an email or CRM
/// system would read it, collecting the parsed messages in the background. Subclasses say how a message parses.
/// </summary>
public abstract class TopicFeed<TMessage> : IDisposable
{
    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<TMessage> _messages = [];

    protected TopicFeed(Servers servers, string topic)
    {
        _consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = servers.Kafka.BootstrapServers,
            GroupId = $"feed-{topic}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 3000,
            FetchWaitMaxMs = 10,
        }).Build();
        // Assigned, not subscribed: a group rebalance would restart uncommitted partitions from the beginning and
        // show the test duplicates that the engine never published.
        _consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
    }

    /// <summary>The messages so far, in arrival order.</summary>
    public List<TMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Polls (calling <paramref name="eachPoll"/> each time) until <paramref name="condition"/> holds over the messages, or the timeout passes; returns the messages then.</summary>
    public async Task<List<TMessage>> WaitUntilAsync(Func<List<TMessage>, bool> condition, TimeSpan timeout, Action? eachPoll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            eachPoll?.Invoke();
            var messages = Messages;
            if (condition(messages) || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds, or 60 s pass; whether it held.</summary>
    public async Task<bool> WaitUntilAsync(Func<List<TMessage>, bool> condition, Action? eachPoll = null) =>
        condition(await WaitUntilAsync(condition, TimeSpan.FromSeconds(60), eachPoll));

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>One message, parsed.</summary>
    protected abstract TMessage Parse(ConsumeResult<string?, byte[]> record, byte[] value);

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            var r = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r?.Message?.Value is { } value)
            {
                var message = Parse(r, value);
                lock (_messages)
                {
                    _messages.Add(message);
                }
            }
        }
    }
}
