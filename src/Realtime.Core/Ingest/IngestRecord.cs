using Realtime.Core.Events;

namespace Realtime.Core.Ingest;

/// <summary>A decoded event and where it came from in the log (partition, offset).</summary>
public readonly record struct IngestRecord(CustomerEvent Event, int Partition, long Offset);
