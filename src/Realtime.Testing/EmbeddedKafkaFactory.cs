using Realtime.Kafka;

namespace Realtime.Testing;

/// <summary>Registered by hosts that accept <c>Kafka:BootstrapServers=embedded</c> (the demo, tests).</summary>
public sealed class EmbeddedKafkaFactory : IEmbeddedBrokerFactory
{
    public IEmbeddedBroker Start() => EmbeddedKafka.Start();
}
