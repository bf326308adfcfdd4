using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Core.Ports;
using Realtime.Core.Recommendations;

namespace Realtime.Kafka;

/// <summary>
/// Sends sampled recommendation impressions to <see cref="KafkaOptions.ImpressionsTopic"/> (key = customer id, or the
/// request id for anonymous visitors; value = <see cref="ImpressionJson"/>). <c>Produce</c> only enqueues into
/// librdkafka's buffer and a delivery callback counts the outcome, so a request never waits for the broker; a full
/// buffer or a broker error drops the impression and counts it (impressions are analytics, not state).
/// </summary>
public sealed partial class KafkaImpressionLog : IImpressionLog, IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivered = report =>
        KafkaMetrics.Impressions.WithLabels(report.Error.IsError ? "failed" : "delivered").Inc();

    public KafkaImpressionLog(KafkaBroker broker, IOptions<KafkaOptions> options, ILogger<KafkaImpressionLog> logger)
    {
        _topic = options.Value.ImpressionsTopic;
        var config = broker.ProducerConfig();
        // Analytics: one acknowledgement is enough, and no retry storm should build up behind a slow broker.
        config.Acks = Acks.Leader;
        config.EnableIdempotence = false;
        config.LingerMs = 20;
        config.MessageTimeoutMs = 30_000;
        _producer = new ProducerBuilder<string, byte[]>(config)
            .SetErrorHandler((_, e) => LogKafkaError(logger, e.Reason))
            .SetLogHandler((_, m) => LogKafkaMessage(logger, m.Message))
            .Build();
    }

    /// <inheritdoc/>
    public void Record(RecommendationImpression impression)
    {
        try
        {
            var message = new Message<string, byte[]> { Key = impression.CustomerId ?? impression.RequestId, Value = ImpressionJson.Encode(impression) };
            _producer.Produce(_topic, message, _onDelivered);
        }
        catch (Exception ex) when (ex is ProduceException<string, byte[]> or KafkaException or ObjectDisposedException)
        {
            KafkaMetrics.Impressions.WithLabels("dropped").Inc();
        }
    }

    /// <summary>Gives queued impressions a moment to leave, then closes the producer.</summary>
    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(2));
        _producer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Impression producer: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Impression producer: {Message}")]
    private static partial void LogKafkaMessage(ILogger logger, string message);
}
