using Realtime.Core.History;

namespace Realtime.Scoring.Cli;

/// <summary>
/// Opens a Kafka topic as an event history for <c>realtime train --kafka-topic</c>. The host implements it (this
/// project does not reference Kafka); the command disposes the source when it is <see cref="IDisposable"/>.
/// </summary>
public interface IKafkaTopicReplay
{
    /// <param name="topic">The topic to replay from its beginning.</param>
    /// <param name="bootstrap"><c>--kafka-bootstrap</c>, or null for the configuration's broker.</param>
    /// <param name="configurationArguments">The command line's <c>--Kafka:Key=value</c> words (client and security settings).</param>
    /// <exception cref="ArgumentException">The Kafka settings are invalid (the message says which).</exception>
    IEventSource Open(string topic, string? bootstrap, IReadOnlyList<string> configurationArguments);
}
