using Microsoft.Extensions.Logging;

namespace Realtime.Grpc.Security;

/// <summary>Logs of the API's security (never a credential, its hash or a payload).</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Call to {Path} refused: {Reason} (client {Client})")]
    public static partial void Refused(ILogger logger, string path, string reason, string client);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "API authentication is disabled (Api:Auth:Disabled=true): every caller has every scope")]
    public static partial void AuthDisabled(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "API authentication: {Keys} API keys, JWT {Jwt}, {Certificates} certificate clients")]
    public static partial void AuthConfigured(ILogger logger, int keys, bool jwt, int certificates);
}
