namespace Realtime.Core.Triggers;

/// <summary>Publishes triggers (to <c>realtime.triggers</c>); returns once every message is acknowledged.</summary>
public interface ITriggerPublisher
{
    Task PublishAsync(IReadOnlyList<TriggerMessage> triggers, CancellationToken cancellationToken);
}

/// <summary>A trigger as published: the occurrence, the channel and when it went out.</summary>
public sealed record TriggerMessage(TriggerOccurrence Occurrence, string Channel, DateTimeOffset PublishedAt);
