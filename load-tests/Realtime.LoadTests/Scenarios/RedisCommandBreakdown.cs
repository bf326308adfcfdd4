using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Realtime.Redis;
using StackExchange.Redis;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// Where a Redis server's time goes during a measured phase, per command and per Lua script. <c>INFO commandstats</c>
/// (zeroed with <c>CONFIG RESETSTAT</c> before the phase) gives exact calls and execution time per command name, but
/// counts every EVALSHA under one name and counts the commands a script runs both under their own names and inside
/// the script's time. A slowlog sample (threshold 0, taken in the warm-up, never in the measured phase: logging costs
/// Redis CPU) tells them apart: Redis 7 logs a script's commands from its Lua client (peer <c>?:0</c>) just before the
/// script itself, and names the script by the SHA-1 of its text (matched against the Lua constants of Realtime.Redis).
/// The sample's mix splits each exact commandstats total between direct calls and the scripts that made them.
/// </summary>
internal sealed partial class RedisCommandBreakdown(IServer server)
{
    private const int SampleSize = 50_000;
    private const string ScriptPeer = "?:0";

    private readonly List<(string Name, string Value)> _savedSlowlogConfig = [];

    // Per commandstats name: sampled calls and time per origin ("" = sent by a client, else the script that ran it).
    private readonly Dictionary<string, Dictionary<string, (long Calls, double Micros)>> _origins = new(StringComparer.Ordinal);
    private int _sampled;

    /// <summary>Logs every command (threshold 0) until <see cref="StopSamplingAsync"/>; the prior settings are kept to restore.</summary>
    public async Task StartSamplingAsync()
    {
        foreach (var name in new[] { "slowlog-log-slower-than", "slowlog-max-len" })
        {
            _savedSlowlogConfig.AddRange((await server.ConfigGetAsync(name)).Select(kv => (kv.Key, kv.Value)));
        }

        await server.ConfigSetAsync("slowlog-max-len", SampleSize);
        await server.ConfigSetAsync("slowlog-log-slower-than", 0);
        await server.SlowlogResetAsync();
    }

    /// <summary>Reads the sample (the last <see cref="SampleSize"/> commands), restores the slowlog settings and clears it.</summary>
    public async Task StopSamplingAsync()
    {
        var raw = (RedisResult[])(await server.ExecuteAsync("SLOWLOG", "GET", SampleSize))!;
        foreach (var (name, value) in _savedSlowlogConfig)
        {
            await server.ConfigSetAsync(name, value);
        }

        await server.SlowlogResetAsync();
        var scripts = ScriptNames();
        // Entries: id, time, duration (µs), arguments, peer, client name; newest first, so reordered into execution order.
        var entries = raw.Select(e => (RedisResult[])e!)
            .Select(e => (Id: (long)e[0], Micros: (double)e[2], Arguments: ((RedisResult[])e[3]!).Select(a => (string)a!).ToArray(), Peer: e.Length > 4 ? (string?)e[4] : null))
            .Where(e => e.Arguments.Length > 0)
            .OrderBy(e => e.Id)
            .ToList();
        var waiting = new List<(string Command, double Micros)>();
        foreach (var (_, micros, arguments, peer) in entries)
        {
            var command = arguments[0].ToLowerInvariant();
            if (peer == ScriptPeer)
            {
                waiting.Add((command, micros));
                continue;
            }

            var origin = command is "evalsha" or "eval" && arguments.Length > 1 ? ScriptName(command, arguments[1], scripts) + OnKeys(arguments) : string.Empty;
            foreach (var (inner, innerMicros) in waiting)
            {
                Count(inner, origin.Length > 0 ? origin : "an unnamed script", innerMicros);
            }

            waiting.Clear();
            Count(command, origin, micros);
        }

        _sampled = entries.Count;
    }

    /// <summary>Zeroes <c>INFO commandstats</c>: call right before the measured phase.</summary>
    public Task ResetStatisticsAsync() => server.ConfigResetStatisticsAsync();

    /// <summary>
    /// The breakdown over the phase since <see cref="ResetStatisticsAsync"/>, as <c>#</c> lines: one row per script and
    /// per command sent directly (calls and µs per event, share of all commands' time), under each script the commands
    /// it ran, and the sum against the server's CPU.
    /// </summary>
    public async Task<string> ReportAsync(int events, double redisCpuUsPerEvent)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g)
            .Where(kv => kv.Key.StartsWith("cmdstat_", StringComparison.Ordinal) && kv.Key is not ("cmdstat_info" or "cmdstat_config|resetstat"))
            .ToDictionary(kv => kv.Key["cmdstat_".Length..], kv => ParseStat(kv.Value), StringComparer.Ordinal);

        // Each exact total split by the sample's mix of origins (a name the sample never saw stays direct).
        var rows = new List<(string Name, double Calls, double Micros)>();
        var inner = new Dictionary<string, List<(string Command, double Calls, double Micros)>>(StringComparer.Ordinal);
        foreach (var (command, (calls, micros)) in stats)
        {
            var origins = _origins.GetValueOrDefault(command) ?? new() { [string.Empty] = (1, 1) };
            double sampledCalls = origins.Values.Sum(o => o.Calls), sampledMicros = Math.Max(1e-9, origins.Values.Sum(o => o.Micros));
            foreach (var (origin, sampled) in origins)
            {
                // Calls split by the sample's calls, time by its time: one name's origins differ in cost per call.
                var (share, timeShare) = (sampled.Calls / sampledCalls, sampled.Micros / sampledMicros);
                if (origin.Length == 0 && command is "evalsha" or "eval")
                {
                    continue;
                }

                if (origin.Length == 0)
                {
                    rows.Add((command, calls * share, micros * timeShare));
                }
                else if (command is "evalsha" or "eval")
                {
                    rows.Add(("script " + origin, calls * share, micros * timeShare));
                }
                else
                {
                    (inner.TryGetValue(origin, out var list) ? list : inner[origin] = []).Add((command, calls * share, micros * timeShare));
                }
            }
        }

        var commandTime = rows.Sum(r => r.Micros);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"redis commands per event (INFO commandstats over the measured phase, split by a slowlog sample of {_sampled} warm-up commands): ");
        sb.Append(CultureInfo.InvariantCulture, $"command time {commandTime / events:F1} µs per event against {redisCpuUsPerEvent:F1} µs of Redis CPU (command time is wall clock: on a loaded box it includes preemption)");
        foreach (var row in rows.OrderByDescending(r => r.Micros).Where(r => r.Micros / events >= 0.05))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n#   {row.Name,-62} {row.Calls / events,7:F3} calls {row.Micros / events,7:F2} µs {row.Micros / commandTime * 100,5:F1} %");
            if (row.Name.StartsWith("script ", StringComparison.Ordinal) && inner.TryGetValue(row.Name["script ".Length..], out var ran))
            {
                sb.Append("\n#       inside: ");
                sb.AppendJoin(", ", ran.OrderByDescending(r => r.Micros).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Command} {r.Calls / events:F2} calls {r.Micros / events:F2} µs")));
            }
        }

        return sb.ToString();
    }

    private void Count(string command, string origin, double micros)
    {
        var origins = _origins.TryGetValue(command, out var o) ? o : _origins[command] = new(StringComparer.Ordinal);
        var (calls, sum) = origins.GetValueOrDefault(origin);
        origins[origin] = (calls + 1, sum + micros);
    }

    private static string ScriptName(string command, string shaOrText, Dictionary<string, string> scripts)
    {
        // EVAL (a script's first call, before the client knows it is loaded) carries the text, cut by the slowlog.
        if (command == "evalsha")
        {
            return scripts.GetValueOrDefault(shaOrText.ToLowerInvariant(), shaOrText);
        }

        return Scripts().FirstOrDefault(s => s.Text.StartsWith(shaOrText.Split(" ...")[0], StringComparison.Ordinal)).Name ?? "an unnamed script";
    }

    // One script serves several key families (the capped index: interest per product and members per category): the
    // family of its first key, hash tag elided, tells them apart.
    private static string OnKeys(string[] arguments) =>
        arguments.Length > 3 && arguments[2] != "0" ? " on " + KeyFamily().Replace(arguments[3], "{…}") : string.Empty;

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex KeyFamily();

    private static (long Calls, double Micros) ParseStat(string value)
    {
        var fields = value.Split(',').Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        return (long.Parse(fields.GetValueOrDefault("calls", "0"), CultureInfo.InvariantCulture), double.Parse(fields.GetValueOrDefault("usec", "0"), CultureInfo.InvariantCulture));
    }

    // The project's Lua scripts are string constants of Realtime.Redis; StackExchange.Redis sends each as EVALSHA of its text's SHA-1.
    private static IEnumerable<(string Name, string Text)> Scripts() =>
        typeof(RedisCustomerStateStore).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => f.FieldType == typeof(string) && (f.IsLiteral || f.IsInitOnly))
                .Select(f => (Name: $"{t.Name}.{f.Name}", Text: (f.IsLiteral ? f.GetRawConstantValue() : f.GetValue(null)) as string)))
            .Where(s => s.Text is not null && s.Text.Contains("redis.call(", StringComparison.Ordinal))
            .Select(s => (s.Name, s.Text!));

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "SHA-1 is how Redis names a script (EVALSHA), not a security measure.")]
    private static Dictionary<string, string> ScriptNames() =>
        Scripts().GroupBy(s => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(s.Text))), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" = ", g.Select(s => s.Name)), StringComparer.Ordinal);
}
