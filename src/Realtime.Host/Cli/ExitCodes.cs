namespace Realtime.Host.Cli;

/// <summary>Process exit codes of every command (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The work failed (a port in use, a missing file, a model not stored).</summary>
    public const int Failure = 1;

    /// <summary>The command line or the configuration has an unknown option, a bad value or a missing one.</summary>
    public const int Usage = 2;

    /// <summary>The engine refused to start with a configuration that would serve insecurely.</summary>
    public const int Refused = 3;
}
