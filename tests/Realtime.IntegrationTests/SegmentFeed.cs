using System.Text.Json;
using Confluent.Kafka;

namespace Realtime.IntegrationTests;

/// <summary>
/// A separate consumer of a scope's <c>realtime.segments</c> topic (all 4 partitions, from the beginning), as an email or
/// CRM system would read it. Collects the parsed messages in the background.
/// </summary>
public sealed class SegmentFeed : IDisposable
{
    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<SegmentMessage> _messages = [];

    public SegmentFeed(Servers servers, TestScope scope)
    {
        _consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = servers.Kafka.BootstrapServers,
            GroupId = $"feed-{scope.SegmentsTopic}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 3000,
            FetchWaitMaxMs = 10,
        }).Build();
        // Assigned, not subscribed: a group rebalance would restart uncommitted partitions from the beginning and
        // show the test duplicates that the engine never published.
        _consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset(scope.SegmentsTopic, p, Offset.Beginning)));
        _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
    }

    /// <summary>The messages so far, in arrival order.</summary>
    public List<SegmentMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds over the messages, or the timeout passes.</summary>
    public async Task<List<SegmentMessage>> WaitUntilAsync(Func<List<SegmentMessage>, bool> condition, TimeSpan timeout, Action? eachPoll = null)
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

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            var r = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r?.Message?.Value is { } value)
            {
                using var doc = JsonDocument.Parse(value);
                var root = doc.RootElement;
                var message = new SegmentMessage(
                    root.GetProperty("change_id").GetString()!,
                    root.GetProperty("customer_id").GetString()!,
                    root.GetProperty("segment").GetString()!,
                    root.GetProperty("change").GetString()!,
                    root.GetProperty("primary_stage").GetString()!,
                    root.GetProperty("segments").EnumerateArray().Select(e => e.GetString()!).ToList(),
                    r.Message.Key,
                    root.TryGetProperty("facts", out var facts) && facts.TryGetProperty("churn_score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : null);
                lock (_messages)
                {
                    _messages.Add(message);
                }
            }
        }
    }
}

/// <summary>One parsed <c>realtime.segments</c> message.</summary>
public sealed record SegmentMessage(
    string ChangeId, string CustomerId, string Segment, string Change, string PrimaryStage, List<string> Segments, string? Key, double? ChurnScore = null);
