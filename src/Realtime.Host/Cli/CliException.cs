namespace Realtime.Host.Cli;

/// <summary>A failure a command explains in one line (no stack trace), ending the process with <see cref="ExitCode"/>.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
