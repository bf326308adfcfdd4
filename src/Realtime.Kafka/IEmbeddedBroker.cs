namespace Realtime.Kafka;

/// <summary>
/// A Kafka-protocol broker hosted inside this process, for <c>Kafka:BootstrapServers=embedded</c> (the demo, tests).
/// The adapter only knows this port; Realtime.Testing provides librdkafka's mock cluster behind it, so production
/// code paths never carry a mock broker unless the host registers one.
/// </summary>
public interface IEmbeddedBroker : IDisposable
{
    string BootstrapServers { get; }

    void CreateTopic(string topic, int partitions);
}

/// <summary>Starts an <see cref="IEmbeddedBroker"/> on first use of <c>Kafka:BootstrapServers=embedded</c>.</summary>
public interface IEmbeddedBrokerFactory
{
    IEmbeddedBroker Start();
}
