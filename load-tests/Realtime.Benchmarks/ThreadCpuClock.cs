using System.Runtime.InteropServices;

namespace Realtime.Benchmarks;

/// <summary>
/// CPU time of the calling thread (<c>CLOCK_THREAD_CPUTIME_ID</c>). BenchmarkDotNet measures wall time, which on a
/// shared 2-core box counts the time other processes held the core; a per-request CPU figure needs the thread's own.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Nanoseconds of CPU this thread has used.</summary>
    public static long Nanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
