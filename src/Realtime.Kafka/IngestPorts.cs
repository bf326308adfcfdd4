using Realtime.Application.Lifecycle;
using Realtime.Core.Ports;

namespace Realtime.Kafka;

/// <summary>What a <see cref="BatchAttempt"/>'s steps talk to.</summary>
internal sealed record IngestPorts(
    string Topic,
    ICustomerStateStore Store,
    IAppliedWatermarks Watermarks,
    LifecycleBatchWriter Lifecycle,
    IReadOnlyList<IBatchEffect> Effects,
    DeadLetterPublisher DeadLetters,
    TimeSpan MaxFutureSkew,
    string FailOnEventIdPrefix,
    OwnedStateCache Cache,
    IStoredPositions? Positions,
    int HistoryMaxProducts);
