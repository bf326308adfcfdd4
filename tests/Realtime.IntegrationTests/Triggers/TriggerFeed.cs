using System.Text.Json;
using Confluent.Kafka;

namespace Realtime.IntegrationTests.Triggers;

/// <summary>
/// A separate consumer of a scope's trigger topic (all 4 partitions, from the beginning), as an email system would
/// read it. Collects the parsed messages in the background.
/// </summary>
public sealed class TriggerFeed : IDisposable
{
    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<TriggerFeedMessage> _messages = [];

    public TriggerFeed(Servers servers, string topic)
    {
        servers.Kafka.CreateTopic(topic, 4);
        _consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = servers.Kafka.BootstrapServers,
            GroupId = $"feed-{topic}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        // Assigned, not subscribed: a rebalance would replay uncommitted partitions and show duplicates never published.
        _consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
    }

    public List<TriggerFeedMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The messages of one customer and type.</summary>
    public List<TriggerFeedMessage> Of(string customer, string type) => Messages.Where(m => m.CustomerId == customer && m.Type == type).ToList();

    /// <summary>Polls (calling <paramref name="eachPoll"/> each time) until <paramref name="condition"/> holds, or 60 s pass.</summary>
    public async Task<bool> WaitUntilAsync(Func<List<TriggerFeedMessage>, bool> condition, Action? eachPoll = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            eachPoll?.Invoke();
            if (condition(Messages))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
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
            if (r?.Message?.Value is not { } value)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(value);
            var root = doc.RootElement;
            var message = new TriggerFeedMessage(
                r.Message.Key,
                root.GetProperty("trigger_id").GetString()!,
                root.GetProperty("type").GetString()!,
                root.GetProperty("customer_id").GetString()!,
                root.TryGetProperty("product_id", out var product) ? product.GetString() : null,
                root.TryGetProperty("category", out var category) ? category.GetString() : null,
                root.GetProperty("channel").GetString()!,
                root.GetProperty("due_at").GetDateTimeOffset(),
                root.GetProperty("published_at").GetDateTimeOffset(),
                root.GetProperty("reason").GetString()!,
                root.GetProperty("details").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()));
            lock (_messages)
            {
                _messages.Add(message);
            }
        }
    }
}

/// <summary>One parsed <c>realtime.triggers</c> message.</summary>
public sealed record TriggerFeedMessage(
    string? Key, string TriggerId, string Type, string CustomerId, string? ProductId, string? Category, string Channel,
    DateTimeOffset DueAt, DateTimeOffset PublishedAt, string Reason, Dictionary<string, double> Details);
