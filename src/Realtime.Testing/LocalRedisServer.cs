using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Realtime.Testing;

/// <summary>
/// A throwaway <c>redis-server</c> on a free loopback port with persistence off, for the demo, tests and benchmarks.
/// Needs <c>redis-server</c> on PATH (Debian: <c>apt-get install redis-server</c>).
/// The server dies with its parent, however the parent ends (even SIGKILL): it runs under a small <c>/bin/sh</c>
/// guard whose stdin is a pipe from this process. Only this process holds the pipe's write end, so when it exits
/// the kernel closes it, the guard reads end-of-file and sends redis-server SIGTERM. (PR_SET_PDEATHSIG is no
/// alternative here: it fires when the forking <em>thread</em> exits, and .NET forks from pool threads that come and go.)
/// </summary>
public sealed class LocalRedisServer : IDisposable
{
    // $@ is the redis-server command line. fd 3 keeps the pipe for the watcher, because an asynchronous list gets
    // /dev/null as stdin; redis-server itself gets neither (3<&-, and & gives it /dev/null). The guard exits when
    // redis-server does (wait), so a server that fails at start is seen at once; the watcher's output goes nowhere, so
    // it never holds this process's stdout/stderr pipes open.
    private const string GuardScript = """
        exec 3<&0
        "$@" 3<&- &
        r=$!
        { cat <&3 >/dev/null 2>&1; kill "$r" 2>/dev/null; } >/dev/null 2>&1 &
        exec 3<&-
        wait "$r"
        """;

    private readonly Process _process;

    private LocalRedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static bool IsInstalled => FindOnPath("redis-server") is not null;

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public static LocalRedisServer Start() => Start([], tls: false);

    /// <summary>
    /// Starts a server with extra <c>redis-server</c> arguments (e.g. <c>--requirepass</c>, <c>--user</c>, the
    /// <c>--tls-*</c> files). With <paramref name="tls"/> the free port is the TLS port (<c>--tls-port</c>) and the
    /// plain port is off, so every client must speak TLS.
    /// </summary>
    public static LocalRedisServer Start(IReadOnlyList<string> extraArguments, bool tls)
    {
        var executable = FindOnPath("redis-server")
            ?? throw new InvalidOperationException("redis-server is not on PATH. Install it: sudo apt-get install -y redis-server (Debian/Ubuntu) or brew install redis (macOS).");
        var port = FreeTcpPort();
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-c", GuardScript, "redis-guard", executable })
        {
            info.ArgumentList.Add(arg);
        }

        // hash-max-listpack-value: a customer hash holds one value of ~0.5 KB (the state); Redis's default (64 bytes)
        // turns such a hash into a hashtable, ~400 bytes more per customer than the compact listpack encoding.
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] ports = tls ? ["--port", "0", "--tls-port", portText] : ["--port", portText];
        foreach (var arg in ports.Concat(["--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--protected-mode", "no", "--loglevel", "warning", "--hash-max-listpack-value", "4096"]).Concat(extraArguments))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LocalRedisServer(process, port);
        server.WaitUntilListening(TimeSpan.FromSeconds(10));
        return server;
    }

    /// <summary>The guard's process id (redis-server is its child).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Stops the server: closing the guard's stdin makes it SIGTERM redis-server; a stuck one is killed after 5 s.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }

        _process.Dispose();
    }

    private void WaitUntilListening(TimeSpan timeout) =>
        WaitUntilListening(Port, () => _process.HasExited ? $"redis-server exited at start with code {_process.ExitCode}" : null, timeout);

    /// <summary>
    /// Waits until something accepts TCP connections on loopback <paramref name="port"/>; throws with the reason
    /// <paramref name="exited"/> gives once the process behind it is gone (also used by the chaos suite's own Redis).
    /// </summary>
    public static void WaitUntilListening(int port, Func<string?> exited, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (exited() is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        throw new TimeoutException($"redis-server did not listen on port {port} within {timeout.TotalSeconds} s");
    }

    /// <summary>A TCP port free on loopback right now.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
