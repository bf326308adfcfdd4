using System.Diagnostics;
using System.Globalization;

namespace Realtime.Testing;

/// <summary>
/// A throwaway Redis Cluster on loopback: <see cref="Primaries"/> primaries and as many replicas (one each), every node
/// a <see cref="LocalRedisServer"/> started with <c>cluster-enabled yes</c>, joined with
/// <c>redis-cli --cluster create ... --cluster-replicas 1</c>. Start returns once every node reports
/// <c>cluster_state:ok</c>. A short <c>cluster-node-timeout</c> makes a killed primary's replica take over within
/// seconds, so tests can kill one.
/// </summary>
public sealed class LocalRedisCluster : IDisposable
{
    /// <summary>How long a node may be silent before the others fail it over (Redis default 15 s; tests want seconds).</summary>
    public const int NodeTimeoutMs = 1000;

    private readonly string _directory;

    private LocalRedisCluster(List<LocalRedisServer> nodes, string directory, int primaries)
    {
        Nodes = nodes;
        _directory = directory;
        Primaries = primaries;
    }

    /// <summary>Every node, the first <see cref="Primaries"/> of them the primaries at creation.</summary>
    public IReadOnlyList<LocalRedisServer> Nodes { get; }

    public int Primaries { get; }

    /// <summary>A StackExchange.Redis connection string naming every node (the client discovers the slot map from any of them).</summary>
    public string ConnectionString => string.Join(',', Nodes.Select(n => n.ConnectionString));

    /// <summary>Starts 2 × <paramref name="primaries"/> nodes, creates the cluster and waits until it serves every slot.</summary>
    public static LocalRedisCluster Start(int primaries = 3)
    {
        var directory = Directory.CreateTempSubdirectory("realtime-cluster-").FullName;
        var nodes = new List<LocalRedisServer>(2 * primaries);
        try
        {
            for (var i = 0; i < 2 * primaries; i++)
            {
                // Each node writes its own nodes.conf; the directory keeps them apart and goes with the cluster.
                nodes.Add(LocalRedisServer.Start(
                    [
                        "--cluster-enabled", "yes",
                        "--cluster-config-file", $"nodes-{i}.conf",
                        "--cluster-node-timeout", NodeTimeoutMs.ToString(CultureInfo.InvariantCulture),
                        // A replica promoted after its primary was killed may be behind; tests want it promoted anyway
                        // (that is the "Redis went backwards" case they exercise).
                        "--cluster-replica-validity-factor", "0",
                        "--dir", directory,
                    ],
                    tls: false));
            }

            var cluster = new LocalRedisCluster(nodes, directory, primaries);
            string[] create = ["--cluster", "create", .. nodes.Select(n => n.ConnectionString), "--cluster-replicas", "1", "--cluster-yes"];
            RedisCli(create, TimeSpan.FromSeconds(30));
            cluster.WaitUntilHealthy(TimeSpan.FromSeconds(30));
            return cluster;
        }
        catch
        {
            nodes.ForEach(n => n.Dispose());
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>The ports of the nodes that are primaries now (failovers change the set).</summary>
    public IReadOnlyList<LocalRedisServer> CurrentPrimaries() =>
        Nodes.Where(n => IsAlive(n) && Info(n, "replication").Contains("role:master", StringComparison.Ordinal)).ToList();

    /// <summary>A live replica of the primary <paramref name="primary"/>.</summary>
    public LocalRedisServer ReplicaOf(LocalRedisServer primary) =>
        Nodes.First(n => n != primary && IsAlive(n) && Info(n, "replication").Contains($"master_port:{primary.Port}\r\n", StringComparison.Ordinal));

    /// <summary>
    /// Polls until every live node reports <c>cluster_state:ok</c> and the cluster has <see cref="Primaries"/> live
    /// primaries, or throws after <paramref name="timeout"/> with the last state seen.
    /// </summary>
    public void WaitUntilHealthy(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var last = string.Empty;
        while (deadline.Elapsed < timeout)
        {
            var live = Nodes.Where(IsAlive).ToList();
            var states = live.Select(n => RedisCli(["-p", Port(n), "cluster", "info"], TimeSpan.FromSeconds(5))).ToList();
            if (states.TrueForAll(s => s.Contains("cluster_state:ok", StringComparison.Ordinal)) && CurrentPrimaries().Count == Primaries)
            {
                return;
            }

            last = states.FirstOrDefault(s => !s.Contains("cluster_state:ok", StringComparison.Ordinal)) ?? "primaries missing";
            Thread.Sleep(100);
        }

        throw new TimeoutException($"the cluster did not become healthy within {timeout.TotalSeconds} s: {last}");
    }

    /// <summary>The port of the live primary serving <paramref name="slot"/>, from <c>CLUSTER NODES</c> on a live node.</summary>
    public int OwnerOf(int slot)
    {
        var nodes = Command(Nodes.First(IsAlive), "cluster", "nodes");
        foreach (var line in nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // <id> <ip:port@cport> <flags> <primary> <ping> <pong> <epoch> <link> <slot or from-to>...
            var fields = line.Trim().Split(' ');
            if (!fields[2].Contains("master", StringComparison.Ordinal) || fields[2].Contains("fail", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var range in fields.Skip(8).Where(f => !f.StartsWith('[')))
            {
                var bounds = range.Split('-').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
                if (slot >= bounds[0] && slot <= bounds[^1])
                {
                    var address = fields[1].Split('@')[0];
                    return int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
                }
            }
        }

        throw new InvalidOperationException($"no live primary serves slot {slot}");
    }

    /// <summary>Runs a command on one node with <c>redis-cli</c>; returns its output.</summary>
    public static string Command(LocalRedisServer node, params string[] command) =>
        RedisCli(["-p", Port(node), .. command], TimeSpan.FromSeconds(10));

    /// <summary>One section of <c>INFO</c> on <paramref name="node"/>.</summary>
    public static string Info(LocalRedisServer node, string section) => Command(node, "info", section);

    /// <summary>Kills the node's redis-server with SIGKILL (no shutdown, nothing flushed): a crashed host.</summary>
    public static void Kill(LocalRedisServer node)
    {
        var pid = int.Parse(Field(Info(node, "server"), "process_id"), CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        process.WaitForExit(5000);
    }

    /// <summary>Whether the node answers at all (a killed one does not).</summary>
    public static bool IsAlive(LocalRedisServer node)
    {
        try
        {
            return Command(node, "ping").StartsWith("PONG", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The value of <c>name:value</c> in an INFO reply.</summary>
    public static string Field(string info, string name) =>
        info.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..];

    public void Dispose()
    {
        foreach (var node in Nodes)
        {
            node.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string Port(LocalRedisServer node) => node.Port.ToString(CultureInfo.InvariantCulture);

    private static string RedisCli(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-cli");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill();
            throw new TimeoutException($"redis-cli {string.Join(' ', arguments.Take(3))} did not finish within {timeout.TotalSeconds} s");
        }

        // redis-cli exits 0 on a refused connection and prints the error; both count as failures here.
        var text = output.Result;
        if (process.ExitCode != 0 || text.StartsWith("Could not connect", StringComparison.Ordinal) || error.Result.Contains("Could not connect", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments.Take(3))} failed ({process.ExitCode}): {error.Result.Trim()} {text.Trim()}");
        }

        return text;
    }
}
