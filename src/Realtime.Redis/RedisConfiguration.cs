using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// Builds the multiplexer's <see cref="ConfigurationOptions"/> from <see cref="RedisOptions"/>: the connection string,
/// then the credentials and TLS settings over it, then the timeouts. Everything that connects to Redis for the engine
/// goes through here, so a setting cannot apply to one connection and not another.
/// </summary>
public static class RedisConfiguration
{
    public static ConfigurationOptions Build(RedisOptions options)
    {
        var config = ConfigurationOptions.Parse(options.ConnectionString);
        // Keep retrying in the background instead of failing start-up when Redis is a moment late.
        config.AbortOnConnectFail = false;
        // Fail an operation after OperationTimeoutMs rather than the client's 5 s defaults; timeouts are checked on
        // the heartbeat, so beat often enough that the answer comes close to the limit.
        config.SyncTimeout = options.OperationTimeoutMs;
        config.AsyncTimeout = options.OperationTimeoutMs;
        config.ConnectTimeout = options.OperationTimeoutMs;
        config.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Clamp(options.OperationTimeoutMs / 4, 100, 1000));
        // Exception messages otherwise name the command's key, and a customer key holds the customer id: those messages
        // reach the retry logs, which must not carry personal data.
        config.IncludeDetailInExceptions = false;
        if (options.User is { Length: > 0 } user)
        {
            config.User = user;
        }

        if (Password(options) is { } password)
        {
            config.Password = password;
        }

        if (options.Tls)
        {
            config.Ssl = true;
        }

        if (options.TlsCaPath is { } ca)
        {
            // Chains to this CA only; host name mismatches and expired certificates still fail.
            config.TrustIssuer(ca);
        }

        if (options.TlsClientCertificatePath is { } cert)
        {
            config.SetUserPemCertificate(cert, options.TlsClientKeyPath);
        }

        return config;
    }

    /// <summary>The password from <see cref="RedisOptions.Password"/> or the file <see cref="RedisOptions.PasswordFile"/> names.</summary>
    private static string? Password(RedisOptions options)
    {
        if (options.PasswordFile is { } path)
        {
            try
            {
                return File.ReadAllText(path).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The message names the key and the path, never the content.
                throw new InvalidOperationException($"Redis:PasswordFile '{path}' could not be read: {e.GetType().Name}", e);
            }
        }

        return options.Password is { Length: > 0 } password ? password : null;
    }
}
