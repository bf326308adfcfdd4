namespace Realtime.Scoring.Registry;

/// <summary>A model version failed validation (missing files, incompatible features, does not load or scores nonsense).</summary>
public sealed class ModelRejectedException : Exception
{
    public ModelRejectedException(string version, string reason)
        : base($"model {version} refused: {reason}")
    {
        Version = version;
        Reason = reason;
    }

    public ModelRejectedException()
    {
        Version = Reason = string.Empty;
    }

    public ModelRejectedException(string message, Exception inner)
        : base(message, inner)
    {
        Version = Reason = string.Empty;
    }

    public string Version { get; }

    public string Reason { get; }
}
