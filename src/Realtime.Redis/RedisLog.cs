using Microsoft.Extensions.Logging;

namespace Realtime.Redis;

/// <summary>Source-generated logs of the Redis adapter.</summary>
internal static partial class RedisLog
{
    /// <summary>A background refresh failed; the last good value keeps serving and the next access retries.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Background refresh of {Component} failed; the last good value keeps serving")]
    public static partial void RefreshFailed(ILogger logger, string component, Exception exception);

    /// <summary>A stored CLV fit could not be read by this version (or failed its checks) and was ignored.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored CLV model ignored: {Reason}; the previous model keeps serving")]
    public static partial void ClvModelIgnored(ILogger logger, string reason);
}
