using System.Diagnostics;

namespace Realtime.Chaos;

/// <summary>
/// A child process of the harness with its output in a log file. Every pid is appended to the run's pid file, so
/// scripts/chaos can kill leftovers by id if the harness itself dies.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly Lock s_pidFileLock = new();
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private bool _closed;
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public int Pid => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (only once <see cref="HasExited"/>).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The first line the child wrote on stdout.</summary>
    public Task<string> FirstLine => _firstLine.Task;

    public static ChildProcess Start(string file, IEnumerable<string> args, string logPath, string pidFile)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        lock (s_pidFileLock)
        {
            File.AppendAllText(pidFile, $"{process.Id}\n");
        }

        var child = new ChildProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => child.Write(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => child.Write(e.Data, stdout: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public bool Signal(int signal) => !_process.HasExited && Signals.Send(_process.Id, signal);

    /// <summary>SIGKILL and wait for the exit.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            Signals.Send(_process.Id, Signals.Continue); // a stopped process must run to die promptly
            _process.Kill();
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Blocks up to <paramref name="timeout"/> for the process to exit; true when it did.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit; true when it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The last lines of the log, for a failing scenario's report.</summary>
    public IEnumerable<string> Tail(int lines)
    {
        lock (_logLock)
        {
            if (!_closed)
            {
                _log.Flush();
            }
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return all.TakeLast(lines);
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
        lock (_logLock)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Write(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        if (stdout)
        {
            _firstLine.TrySetResult(line);
        }

        lock (_logLock)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
