using System.Globalization;
using Realtime.Testing;

namespace Realtime.Chaos;

/// <summary>
/// A redis-server with <c>appendonly yes</c> / <c>appendfsync everysec</c> in a directory of its own, which the harness
/// SIGKILLs, SIGSTOPs and restarts from its AOF (the same port, so workers reconnect to it), or from a copy of its AOF
/// directory taken earlier (a host crash that lost the last writes).
/// </summary>
internal sealed class ChaosRedis(string root, int port, string pidFile) : IDisposable
{
    private ChildProcess? _process;
    private int _generation;

    public int Port { get; } = port;

    public string ConnectionString => $"127.0.0.1:{Port}";

    public string DataDir { get; private set; } = Path.Combine(root, "redis-0");

    public ChildProcess Process => _process ?? throw new InvalidOperationException("redis-server is not running");

    public static ChaosRedis Start(string root, string pidFile)
    {
        var redis = new ChaosRedis(root, FreePort(), pidFile);
        Directory.CreateDirectory(redis.DataDir);
        redis.Launch();
        return redis;
    }

    /// <summary>Restarts from <paramref name="dataDir"/> (default: the current directory, i.e. its own AOF).</summary>
    public void Restart(string? dataDir = null)
    {
        _process?.Dispose();
        DataDir = dataDir ?? DataDir;
        Launch();
    }

    /// <summary>Copies the data directory (AOF manifest and files) as it is on disk now; returns the copy's path.</summary>
    public string SnapshotDataDir()
    {
        var copy = Path.Combine(root, $"redis-copy-{++_generation}");
        foreach (var file in Directory.EnumerateFiles(DataDir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(DataDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    public void Dispose() => _process?.Dispose();

    private void Launch()
    {
        string[] args =
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "no",
            "--dir", DataDir, "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--daemonize", "no",
            "--loglevel", "warning", "--hash-max-listpack-value", "4096",
        ];
        _process = ChildProcess.Start("redis-server", args, Path.Combine(root, "redis.log"), pidFile);
        LocalRedisServer.WaitUntilListening(Port, () => _process.HasExited ? $"redis-server exited at start; see {_process.LogPath}" : null, TimeSpan.FromSeconds(20));
    }

    public static int FreePort() => LocalRedisServer.FreeTcpPort();
}
