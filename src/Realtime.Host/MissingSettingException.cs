namespace Realtime.Host;

/// <summary>A setting the engine cannot guess is not configured: the engine does not start. The message says what to set.</summary>
public sealed class MissingSettingException(string key, string message) : Exception(message)
{
    /// <summary>The configuration key, e.g. <c>Kafka:BootstrapServers</c>.</summary>
    public string Key { get; } = key;
}
