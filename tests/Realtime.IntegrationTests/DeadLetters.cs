using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Realtime.Kafka;

namespace Realtime.IntegrationTests;

/// <summary>One record read back from a test's dead-letter topic.</summary>
public sealed record DeadLetter(Headers Headers, byte[] Value)
{
    public string Reason => Header(DeadLetterPublisher.ReasonHeader);

    public string SourceTopic => Header(DeadLetterPublisher.SourceTopicHeader);

    public long SourceOffset => long.Parse(Header(DeadLetterPublisher.SourceOffsetHeader), CultureInfo.InvariantCulture);

    public string Header(string name) => Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";

    /// <summary>
    /// Reads the scope's dead-letter topic from the start until <paramref name="expected"/> records arrived (or 30 s
    /// passed), then a second more, so a test also sees records it did not expect.
    /// </summary>
    public static List<DeadLetter> Read(TestScope scope, int expected)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = scope.Settings["Kafka:BootstrapServers"],
            GroupId = $"dlq-reader-{scope.GroupId}-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(scope.DeadLetterTopic);
        var found = new List<DeadLetter>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        DateTime? linger = null;
        while (DateTime.UtcNow < (linger ?? deadline))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } r)
            {
                found.Add(new DeadLetter(r.Message.Headers, r.Message.Value));
            }

            if (found.Count >= expected)
            {
                linger ??= DateTime.UtcNow.AddSeconds(1);
            }
        }

        consumer.Close();
        return found;
    }
}
