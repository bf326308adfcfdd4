using System.Runtime.InteropServices;

namespace Realtime.Chaos;

/// <summary>POSIX signals to a child process by pid (kill(2)).</summary>
internal static partial class Signals
{
    public const int Term = 15;
    public const int Kill = 9;
    public const int Stop = 19;
    public const int Continue = 18;
    public const int User1 = 10; // realtime broker: take the broker down
    public const int User2 = 12; // realtime broker: bring it back up

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
