using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Core.Offers;
using Realtime.Core.Ports;

namespace Realtime.Kafka;

/// <summary>
/// Publishes every offer decision to the decisions topic (key = customer id, so one customer's decisions stay in order
/// on one partition). <see cref="Publish"/> hands the message to the producer's buffer and returns: the gRPC call does
/// not wait for the broker. Delivery is reported asynchronously, counted in
/// <c>realtime_offers_decisions_published_total{result}</c> and logged on failure; the buffer is flushed on shutdown,
/// so decisions are lost only if the process dies with undelivered messages (a decision log, not a ledger).
/// </summary>
public sealed partial class DecisionPublisher : IDecisionPublisher, IDisposable
{
    private static readonly TimeSpan s_flushTimeout = TimeSpan.FromSeconds(5);
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly ILogger<DecisionPublisher> _logger;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivered;

    public DecisionPublisher(KafkaBroker broker, IOptions<KafkaOptions> options, ILogger<DecisionPublisher> logger)
    {
        _producer = new ProducerBuilder<string, byte[]>(broker.ProducerConfig()).Build();
        _topic = options.Value.DecisionsTopic;
        _logger = logger;
        _onDelivered = OnDelivered;
    }

    public void Publish(PublishedDecision decision)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(DecisionMessage.From(decision), DecisionJsonContext.Default.DecisionMessage);
        try
        {
            _producer.Produce(_topic, new Message<string, byte[]> { Key = decision.Decision.CustomerId, Value = value }, _onDelivered);
        }
        catch (ProduceException<string, byte[]> ex)
        {
            // Local refusal (queue full, producer fenced): the decision stands, only its log entry is lost.
            Failed(ex.Error.Reason);
        }
    }

    public void Dispose()
    {
        _producer.Flush(s_flushTimeout);
        _producer.Dispose();
    }

    private void OnDelivered(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Failed(report.Error.Reason);
        }
        else
        {
            KafkaMetrics.DecisionsPublished.WithLabels("delivered").Inc();
        }
    }

    private void Failed(string reason)
    {
        KafkaMetrics.DecisionsPublished.WithLabels("failed").Inc();
        LogFailed(_logger, _topic, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision not published to {Topic}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string topic, string reason);
}
