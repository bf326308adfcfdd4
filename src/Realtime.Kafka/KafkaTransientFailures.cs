using Confluent.Kafka;
using Realtime.Core.Ports;

namespace Realtime.Kafka;

/// <summary>
/// Kafka failures that are the cluster's or the network's: the broker is down or slow, a leader is moving, the local
/// queue is full. A message the broker refuses as too large, or an invalid request, is not transient.
/// </summary>
public sealed class KafkaTransientFailures : ITransientFailures
{
    private static readonly HashSet<ErrorCode> s_transient =
    [
        ErrorCode.Local_MsgTimedOut, ErrorCode.Local_TimedOutQueue, ErrorCode.Local_Transport, ErrorCode.Local_AllBrokersDown, ErrorCode.Local_TimedOut,
        ErrorCode.Local_QueueFull, ErrorCode.Local_Retry, ErrorCode.RequestTimedOut, ErrorCode.NetworkException,
        ErrorCode.LeaderNotAvailable, ErrorCode.NotLeaderForPartition, ErrorCode.NotEnoughReplicas,
        ErrorCode.NotEnoughReplicasAfterAppend, ErrorCode.BrokerNotAvailable, ErrorCode.NotCoordinatorForGroup,
        ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.GroupLoadInProgress, ErrorCode.KafkaStorageError,
    ];

    public string? TransientReason(Exception exception) => exception switch
    {
        KafkaException k when !k.Error.IsFatal && s_transient.Contains(k.Error.Code) => "kafka_unavailable",
        TimeoutException => "timeout",
        _ => null,
    };
}
