namespace Realtime.Host;

/// <summary>The configuration would serve without TLS off loopback, or without authentication: the engine does not start.</summary>
public sealed class InsecureConfigurationException(string message) : Exception(message);
