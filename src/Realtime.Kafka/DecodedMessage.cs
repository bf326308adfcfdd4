using Realtime.Core.Events;

namespace Realtime.Kafka;

/// <summary>A consumed message after decoding: an event, or the reason it was rejected.</summary>
public readonly record struct DecodedMessage(CustomerEvent? Event, string? Error);
