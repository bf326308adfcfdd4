using System.Runtime.InteropServices;

namespace Realtime.Testing;

/// <summary>
/// Blocks one POSIX signal on the calling thread until disposed, so that threads a native library starts meanwhile
/// inherit the blocked mask (see <see cref="EmbeddedKafka"/>). Linux only, like the mock cluster itself.
/// </summary>
internal sealed unsafe partial class BlockedSignal : IDisposable
{
    private const int SigBlock = 0;
    private const int SigSetMask = 2;
    private const int SigCont = 18; // Linux x86-64 and arm64

    // glibc's sigset_t is 1024 bits.
    private readonly ulong[] _previous = new ulong[16];

    private BlockedSignal(int signal)
    {
        var set = stackalloc ulong[16];
        Check(SigEmptySet(set), "sigemptyset");
        Check(SigAddSet(set, signal), "sigaddset");
        fixed (ulong* previous = _previous)
        {
            Check(PthreadSigMask(SigBlock, set, previous), "pthread_sigmask");
        }
    }

    public static BlockedSignal Continue() => new(SigCont);

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

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static partial int SigEmptySet(ulong* set);

    [LibraryImport("libc", EntryPoint = "sigaddset")]
    private static partial int SigAddSet(ulong* set, int signal);

    [LibraryImport("libc", EntryPoint = "pthread_sigmask")]
    private static partial int PthreadSigMask(int how, ulong* set, ulong* previous);
}
