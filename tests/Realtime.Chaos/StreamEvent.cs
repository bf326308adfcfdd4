namespace Realtime.Chaos;

/// <summary>One record of the chaos stream: Kafka key = <see cref="CustomerId"/>. <see cref="Bad"/> records must end in the DLQ, not in state.</summary>
internal sealed record StreamEvent(int Index, string CustomerId, string EventId, byte[] Value, bool Bad, string Label);
