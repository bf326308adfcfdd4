using System.Globalization;

namespace Realtime.Chaos;

/// <summary>Kills, by pid, every child process the harness recorded in its pid file (safety net for aborted runs).</summary>
internal static class Children
{
    public static void KillAll(string pidFile)
    {
        if (!File.Exists(pidFile))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(pidFile))
        {
            // Only a process that is still one of ours: a pid recorded earlier may since belong to something else.
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsOurs(pid))
            {
                Signals.Send(pid, Signals.Continue);
                Signals.Send(pid, Signals.Kill);
            }
        }
    }

    private static bool IsOurs(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            return cmdline.Contains("realtime.dll", StringComparison.Ordinal) || cmdline.Contains("redis-server", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
