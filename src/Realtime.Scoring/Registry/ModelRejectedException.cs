namespace Realtime.Scoring.Registry;

/// <summary>A model version failed validation (missing files, incompatible features, does not load or scores nonsense).</summary>
public sealed class ModelRejectedException : Exception
{
    public ModelRejectedException(string version, string reason)
        : this(version, reason, null)
    {
    }

    /// <summary>A refusal caused by <paramref name="inner"/>; the reason is kept on one line (CLI output, logs).</summary>
    public ModelRejectedException(string version, string reason, Exception? inner)
        : base($"model {version} refused: {reason.ReplaceLineEndings(" ")}", inner)
    {
        Version = version;
        Reason = reason.ReplaceLineEndings(" ");
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
