using System.Diagnostics;
using Realtime.Core.State;

namespace Realtime.Chaos;

/// <summary>
/// Runs one scenario on fresh processes: start Redis, the broker and the workers; produce the stream while the fault
/// script runs; then poll until lag is 0 and every customer's state equals the expected fold (or the bound passes);
/// then check readiness and the DLQ, and (poison) the aggregates against the reference run.
/// </summary>
internal sealed class ScenarioRunner(ChaosOptions options, string workDir)
{
    private readonly Dictionary<bool, (EventStream Stream, Dictionary<string, CustomerState> States, Dictionary<string, byte[]> Bytes)> _streams = [];
    private readonly DateTimeOffset _anchor = new(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);
    private int _runs;

    /// <summary>Aggregates of the fault-free run, for the poison scenario (taken on first need).</summary>
    private AggregateSnapshot? _reference;

    public async Task<ScenarioResult> RunAsync(Scenario scenario)
    {
        if (scenario.CompareAggregates && _reference is null)
        {
            FaultContext.Log($"reference run (the valid stream, no faults) for {scenario.Name}'s aggregates");
            var reference = await RunAsync(Scenarios.Reference, keepSnapshot: true);
            if (!reference.Passed)
            {
                reference.Print(Console.Out);
            }
        }

        return await RunAsync(scenario, keepSnapshot: false);
    }

    private async Task<ScenarioResult> RunAsync(Scenario scenario, bool keepSnapshot)
    {
        var result = new ScenarioResult(scenario);
        var (stream, expected, expectedBytes) = Stream(scenario.Poison);
        var root = Path.Combine(workDir, $"{++_runs:D2}-{scenario.Name}");
        FaultContext.Log($"{scenario.Name}: {scenario.Description} ({stream.Events.Count} records, {stream.Customers.Count} customers, logs in {root})");
        using var env = await ChaosEnvironment.StartAsync(root, options);
        for (var i = 0; i < scenario.Workers; i++)
        {
            await env.StartWorkerAsync();
        }

        var producer = new StreamProducer(env.Broker.BootstrapServers, stream, TimeSpan.FromSeconds(Math.Max(options.ProduceSeconds, scenario.MinProduceSeconds)));
        var producing = producer.RunAsync();
        var faultEnd = await scenario.Fault(new FaultContext(env, producer));
        await producing.WaitAsync(TimeSpan.FromMinutes(6));
        if (producer.Failed > 0)
        {
            result.Failures.Add($"{producer.Failed} records could not be produced ({producer.FirstError})");
        }

        // A broker that died or stopped listening is the harness's fault, not the engine's: say so, or its records
        // that were never produced read as lost events.
        if (await BrokerFaultAsync(env.Broker) is { } brokerFault)
        {
            result.Failures.Add($"the harness's broker {brokerFault} (records it never took are not engine losses)");
        }

        var from = Math.Max(faultEnd, producer.FinishedAt);
        var final = await AwaitRecoveryAsync(env, stream, expected, expectedBytes, from, result);
        result.Lost = final?.Lost ?? stream.Events.Count(e => !e.Bad);
        result.Duplicated = final?.Duplicated ?? 0;
        result.Mismatched = final?.Mismatched ?? expected.Count;
        if (final is null)
        {
            result.Failures.Add("Redis did not answer the final read");
        }
        else if (!final.Matches)
        {
            result.Failures.Add($"{final.Mismatched} customers differ from the expected fold, e.g. {final.FirstDifference}");
        }

        if (result.RecoverySeconds is null)
        {
            result.Failures.Add($"no recovery within {options.RecoveryBoundSeconds} s (lag {env.Probe.Lag()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})");
        }

        await CheckReadinessAsync(env, result);
        CheckDeadLetters(env, stream, producer, result);
        var counterDiffs = await SegmentCounterCheck.DifferencesAsync(env.RedisClient, ChaosEnvironment.KeyPrefix);
        result.SegmentCounterDiffs = counterDiffs.Count;
        if (counterDiffs.Count > 0 && scenario.Crashes)
        {
            FaultContext.Log($"segment counters drifted after a crash (documented at-most-once per crash): {string.Join(" | ", counterDiffs.Take(3))}");
        }
        else if (counterDiffs.Count > 0)
        {
            result.Failures.Add($"{counterDiffs.Count} segment counters differ from the stored masks, e.g. {string.Join(" | ", counterDiffs.Take(3))}");
        }

        var snapshot = await AggregateSnapshot.TakeAsync(env.RedisClient, ChaosEnvironment.KeyPrefix);
        if (keepSnapshot)
        {
            _reference = snapshot;
        }
        else if (scenario.CompareAggregates && _reference is not null)
        {
            var diffs = snapshot.DifferencesFrom(_reference);
            result.AggregateDiffs = diffs.Count;
            if (diffs.Count > 0)
            {
                await File.WriteAllLinesAsync(Path.Combine(root, "aggregate-diffs.txt"), diffs);
                result.Failures.Add($"{diffs.Count} item-statistic/counter entries differ from the fault-free run, e.g. {string.Join(" | ", diffs.Take(3))}");
            }
        }

        if (!result.Passed)
        {
            foreach (var line in env.Broker.Process.Tail(8))
            {
                Console.Error.WriteLine($"  [broker] {line}");
            }

            foreach (var w in env.AllWorkers)
            {
                foreach (var line in w.Process.Tail(8))
                {
                    Console.Error.WriteLine($"  [{w.Name}] {line}");
                }
            }
        }

        return result;
    }

    private async Task<StateComparison?> AwaitRecoveryAsync(ChaosEnvironment env, EventStream stream, Dictionary<string, CustomerState> expected, Dictionary<string, byte[]> bytes, long from, ScenarioResult result)
    {
        var bound = TimeSpan.FromSeconds(options.RecoveryBoundSeconds);
        var settle = TimeSpan.FromSeconds(options.SettleSeconds);
        var lastChange = Stopwatch.StartNew();
        (long?, long, long, int) fingerprint = default;
        while (Stopwatch.GetElapsedTime(from) < bound)
        {
            var lag = env.Probe.Lag();
            StateComparison? cmp = null;
            if (lag is not null && await env.TryLoadStatesAsync(stream.Customers) is { } actual)
            {
                cmp = StateComparison.Of(expected, bytes, actual);
                if (lag == 0 && cmp.Matches)
                {
                    result.RecoverySeconds = Math.Max(0, Stopwatch.GetElapsedTime(from).TotalSeconds);
                    return cmp;
                }
            }

            var now = (lag, cmp?.Lost ?? -1, cmp?.Duplicated ?? -1, cmp?.Mismatched ?? -1);
            if (now != fingerprint)
            {
                fingerprint = now;
                lastChange.Restart();
            }
            else if (lastChange.Elapsed > settle)
            {
                FaultContext.Log($"settled without recovering: lag {lag}, {cmp?.Mismatched} customers differ; nothing changed for {settle.TotalSeconds} s");
                break;
            }

            await Task.Delay(250);
        }

        var last = await env.TryLoadStatesAsync(stream.Customers);
        return last is null ? null : StateComparison.Of(expected, bytes, last);
    }

    private static async Task CheckReadinessAsync(ChaosEnvironment env, ScenarioResult result)
    {
        foreach (var w in env.Workers)
        {
            var deadline = Stopwatch.StartNew();
            while (!await w.AnswersAsync("/readyz"))
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(20))
                {
                    result.Failures.Add($"{w.Name} not ready (/readyz) 20 s after recovery");
                    break;
                }

                await Task.Delay(200);
            }
        }
    }

    private static void CheckDeadLetters(ChaosEnvironment env, EventStream stream, StreamProducer producer, ScenarioResult result)
    {
        var expected = stream.Events.Where(e => e.Bad).ToDictionary(e => producer.PositionOf(e.Index), e => e.Label);
        List<(int Partition, long Offset, string Reason)> dlq;
        try
        {
            dlq = env.Probe.ReadDeadLetters(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException ex)
        {
            result.Failures.Add(ex.Message);
            result.DlqMissing = expected.Count;
            return;
        }

        var found = dlq.Select(d => (d.Partition, d.Offset)).ToHashSet();
        var missing = expected.Where(e => !found.Contains(e.Key)).Select(e => e.Value).ToList();
        var unexpected = dlq.Where(d => !expected.ContainsKey((d.Partition, d.Offset))).ToList();
        result.DlqMissing = missing.Count;
        result.DlqUnexpected = unexpected.Select(d => (d.Partition, d.Offset)).Distinct().Count();
        result.DlqRepeated = dlq.Count - found.Count;
        if (result.DlqRepeated > 0)
        {
            // Tolerated: the DLQ is published before the offsets are committed, so a crash in between repeats a record.
            FaultContext.Log($"{result.DlqRepeated} dead letters were published more than once (at-least-once)");
        }

        if (missing.Count > 0)
        {
            result.Failures.Add($"not dead-lettered: {string.Join(", ", missing)}");
        }

        if (unexpected.Count > 0)
        {
            result.Failures.Add($"{result.DlqUnexpected} valid records dead-lettered, e.g. '{unexpected[0].Reason}'");
        }
    }

    private (EventStream, Dictionary<string, CustomerState>, Dictionary<string, byte[]>) Stream(bool poison)
    {
        if (!_streams.TryGetValue(poison, out var s))
        {
            var stream = EventStream.Generate(options.Customers, options.EventsPerCustomer, poison, _anchor);
            var states = stream.ExpectedStates();
            s = (stream, states, states.ToDictionary(kv => kv.Key, kv => StateCodec.Encode(kv.Value)));
            _streams[poison] = s;
        }

        return s;
    }

    /// <summary>Null while the broker process runs and accepts connections; otherwise what is wrong with it.</summary>
    private static async Task<string?> BrokerFaultAsync(ChaosBroker broker)
    {
        if (broker.Process.HasExited)
        {
            return $"process exited (code {broker.Process.ExitCode})";
        }

        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            // The mock broker listens on one loopback address ("127.0.0.1:<port>").
            await client.ConnectAsync(System.Net.IPEndPoint.Parse(broker.BootstrapServers)).WaitAsync(TimeSpan.FromSeconds(5));
            return null;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or TimeoutException)
        {
            return $"process runs but refuses connections on {broker.BootstrapServers} ({ex.Message})";
        }
    }
}
