using System.Runtime.InteropServices;

namespace Realtime.Testing;

/// <summary>
/// Blocks the asynchronous POSIX signals on the calling thread until disposed, so that threads a native library starts
/// meanwhile inherit the blocked mask and never run a handler (see <see cref="EmbeddedKafka"/>). The synchronous ones
/// (a fault in that thread: SIGSEGV, SIGBUS, SIGFPE, SIGILL) stay deliverable. Linux only, like the mock cluster.
/// </summary>
internal sealed unsafe partial class BlockedSignals : IDisposable
{
    private const int SigBlock = 0;
    private const int SigSetMask = 2;
    private static readonly int[] s_synchronous = [4 /* SIGILL */, 7 /* SIGBUS */, 8 /* SIGFPE */, 11 /* SIGSEGV */];

    // glibc's sigset_t is 1024 bits.
    private readonly ulong[] _previous = new ulong[16];

    private BlockedSignals()
    {
        var set = stackalloc ulong[16];
        Check(SigFillSet(set), "sigfillset");
        foreach (var signal in s_synchronous)
        {
            Check(SigDelSet(set, signal), "sigdelset");
        }

        fixed (ulong* previous = _previous)
        {
            Check(PthreadSigMask(SigBlock, set, previous), "pthread_sigmask");
        }
    }

    public static BlockedSignals Asynchronous() => new();

    public void Dispose()
    {
        fixed (ulong* previous = _previous)
        {
            Check(PthreadSigMask(SigSetMask, previous, null), "pthread_sigmask");
        }
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"{call} failed with {result}");
        }
    }

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    private static partial int SigFillSet(ulong* set);

    [LibraryImport("libc", EntryPoint = "sigdelset")]
    private static partial int SigDelSet(ulong* set, int signal);

    [LibraryImport("libc", EntryPoint = "pthread_sigmask")]
    private static partial int PthreadSigMask(int how, ulong* set, ulong* previous);
}
