using Google.Protobuf.WellKnownTypes;

namespace Realtime.Grpc;

/// <summary>State times (Unix ms, 0 = never) to protobuf timestamps (null = never).</summary>
internal static class ProtoTime
{
    public static Timestamp? From(long unixMs) =>
        unixMs == 0 ? null : Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(unixMs));
}
