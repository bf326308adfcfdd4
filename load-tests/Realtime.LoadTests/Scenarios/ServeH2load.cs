using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Google.Protobuf;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// An independent serving figure: <c>h2load</c> (nghttp2's C HTTP/2 client, far cheaper per request than the .NET
/// generator on the same cores) posts a prepared gRPC request body (5-byte length prefix + protobuf) to one method, at
/// saturation and at a fixed rate. h2load checks only HTTP status, and gRPC answers 200 with its status in the
/// trailers, so each body is first sent once over HTTP/2 here with its <c>grpc-status</c> checked, and the engine's
/// own per-status call counts (<c>realtime_grpc_request_duration_seconds</c>) must show no non-OK call during the runs.
/// </summary>
internal static partial class ServeH2load
{
    private const int Connections = 4;
    private const int StreamsPerConnection = 16;

    public static async Task RunAsync(EngineProcess engine, Population population, ServeMix mix, int fixedRate, bool smoke, Results results)
    {
        if (FindOnPath("h2load") is null)
        {
            Results.Note("h2load is not installed (Debian: apt-get install nghttp2-client): h2load_* lines skipped");
            return;
        }

        var dir = Directory.CreateTempSubdirectory("realtime-h2load-");
        try
        {
            // One customer per method (h2load repeats one body): an active one, on a popular product's page.
            var customer = population.CustomerIds[0];
            var methods = ServeMix.Parse(null).Calls.ToDictionary(c => c.Name);
            // Saturation runs are count-bound (not -D): a timed run ends with streams in flight, aborted calls that would
            // blur the error count. Counts sized for ~5-10 s on this box.
            var calls = new (ServeCall Call, int SaturationCalls)[]
            {
                (methods["getprofile"], smoke ? 2000 : 40_000),
                (methods["recommend"], smoke ? 1000 : 15_000),
            };
            var seconds = smoke ? 1 : 10;
            long errors = 0;
            foreach (var (call, saturationCalls) in calls)
            {
                var (name, path) = (call.Name, call.Path);
                var body = await PrepareBodyAsync(engine, call, customer, dir.FullName);
                var failedBefore = await NonOkCallsAsync(engine, path);

                var saturated = await RunH2loadAsync(engine, path, body, dir.FullName, ["-n", $"{saturationCalls}", "-c", $"{Connections}", "-m", $"{StreamsPerConnection}"]);
                results.Report($"h2load_{name}_rps", saturated.RequestsPerSecond, "1/s");
                results.Report($"h2load_{name}_saturated_p50", saturated.Latency.Ms(50), "ms");
                results.Report($"h2load_{name}_saturated_p99", saturated.Latency.Ms(99), "ms");

                // Fixed rate: h2load's --rps is per connection.
                var atRate = await RunH2loadAsync(engine, path, body, dir.FullName, ["-n", $"{fixedRate * seconds}", "-c", $"{Connections}", "-m", $"{StreamsPerConnection}", "--rps", $"{fixedRate / Connections}"]);
                results.Report($"h2load_{name}_p50", atRate.Latency.Ms(50), "ms");
                results.Report($"h2load_{name}_p99", atRate.Latency.Ms(99), "ms");
                results.Report($"h2load_{name}_achieved_rate", atRate.RequestsPerSecond, "1/s");

                var statuses = Minus(await NonOkCallsAsync(engine, path), failedBefore);
                var failedGrpc = statuses.Sum(kv => kv.Value);
                errors += saturated.Failed + atRate.Failed + (long)failedGrpc;
                Results.Note($"h2load {name}: saturation {saturated.Done} calls over {Connections}x{StreamsPerConnection} streams; fixed {fixedRate}/s {atRate.Done} calls; h2load failures {saturated.Failed + atRate.Failed}; non-OK gRPC statuses: {StatusText(statuses)}");
            }

            errors += await MixMaxRateAsync(engine, population, mix, smoke, dir.FullName, results);
            results.Report("h2load_rate", fixedRate, "1/s");
            results.Report("h2load_errors", errors, "count");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The serve scenario's step-up search again, driven by h2load instead of the .NET generator (which shares the 2
    /// cores with the engine): each step runs one h2load per method of the mix at once, each over one HTTP/2 connection
    /// at its share of the rate, with a different customer per method; the step passes when every call of every method
    /// succeeded (h2load and the engine's gRPC statuses), the rates were achieved within 5 %, and the p99 over all the
    /// step's calls is ≤ 10 ms. <c>h2load_mix_max_rate_p99_under_10ms</c> is the highest rate of an unbroken run of
    /// passes from the first step. h2load's <c>--rps</c> sends on a timer while a stream is free (16 per connection), so
    /// a stalled server delays requests rather than queueing them: the achieved-rate check is what catches saturation.
    /// Returns the failed calls.
    /// </summary>
    private static async Task<long> MixMaxRateAsync(EngineProcess engine, Population population, ServeMix mix, bool smoke, string dir, Results results)
    {
        var total = mix.Calls.Sum(c => c.Weight);
        var methods = new List<(ServeCall Call, string Body)>();
        foreach (var (call, i) in mix.Calls.Select((c, i) => (c, i)))
        {
            methods.Add((call, await PrepareBodyAsync(engine, call, population.CustomerIds[i % population.CustomerIds.Length], dir)));
        }

        var seconds = smoke ? 1 : 4;
        int best = 0;
        long errors = 0;
        foreach (var rate in smoke ? ServeScenario.StepRates[..1] : ServeScenario.StepRates)
        {
            var before = await Task.WhenAll(methods.Select(m => NonOkCallsAsync(engine, m.Call.Path)));
            var latency = new Latency();
            var runs = await Task.WhenAll(methods.Select(m =>
            {
                var share = Math.Max(1, (int)Math.Round(rate * m.Call.Weight / total));
                return RunH2loadAsync(engine, m.Call.Path, m.Body, dir, ["-n", $"{share * seconds}", "-c", "1", "-m", $"{StreamsPerConnection}", "--rps", $"{share}"], latency, m.Call.Name);
            }));
            var after = await Task.WhenAll(methods.Select(m => NonOkCallsAsync(engine, m.Call.Path)));
            var failedGrpc = (long)after.Zip(before, Minus).Sum(d => d.Sum(kv => kv.Value));
            var failed = runs.Sum(r => r.Failed) + failedGrpc;
            errors += failed;
            var achieved = runs.Sum(r => r.RequestsPerSecond);
            var p99 = latency.Ms(99);
            var pass = failed == 0 && achieved >= rate * 0.95 && p99 <= ServeScenario.AbsoluteLimitMs;
            Results.Note($"h2load mix step {rate}/s: achieved {achieved:F0}/s, failed {failed}, p50 {latency.Ms(50):F2} ms, p99 {p99:F2} ms ({(pass ? "ok" : "over")})");
            if (!pass)
            {
                break;
            }

            best = rate;
        }

        results.Report("h2load_mix_max_rate_p99_under_10ms", best, "1/s");
        return errors;
    }

    /// <summary>Writes one call's gRPC body for <paramref name="customer"/> and checks it once as h2load will send it.</summary>
    private static async Task<string> PrepareBodyAsync(EngineProcess engine, ServeCall call, string customer, string dir)
    {
        var body = Path.Combine(dir, call.Name + ".bin");
        await File.WriteAllBytesAsync(body, GrpcFrame(call.Request(customer)));
        await CheckBodyAsync(engine, call.Path, body);
        return body;
    }

    private static string StatusText(Dictionary<string, double> statuses) =>
        statuses.Count == 0 ? "none" : string.Join(", ", statuses.Select(kv => $"{kv.Key} {kv.Value}"));

    /// <summary>A gRPC message on the wire: compressed flag 0, 4-byte big-endian length, the protobuf bytes.</summary>
    public static byte[] GrpcFrame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>Sends the prepared body once, as h2load will, and insists on <c>grpc-status: 0</c> in the trailers.</summary>
    private static async Task CheckBodyAsync(EngineProcess engine, string path, string body)
    {
        using var http = new HttpClient(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(engine.GrpcAddress, path))
        {
            Content = new ByteArrayContent(await File.ReadAllBytesAsync(body)),
            Version = HttpVersion.Version20, // h2c with prior knowledge, as h2load speaks it
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("authorization", "Bearer " + engine.ApiKey);
        using var response = await http.SendAsync(request);
        var reply = await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var s) ? s.First()
            : response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : "missing";
        if (status != "0" || reply.Length < 5)
        {
            throw new InvalidOperationException($"h2load body for {path} is not a valid call: grpc-status {status}, {reply.Length} reply bytes");
        }
    }

    /// <summary>The engine's count of calls to <paramref name="path"/> that ended other than OK, by status.</summary>
    private static async Task<Dictionary<string, double>> NonOkCallsAsync(EngineProcess engine, string path)
    {
        var method = path.TrimStart('/');
        var series = await engine.MetricSeriesAsync("realtime_grpc_request_duration_seconds_count");
        return series.Where(kv => kv.Key.Contains(method, StringComparison.Ordinal) && !kv.Key.Contains("status=\"OK\"", StringComparison.Ordinal))
            .GroupBy(kv => StatusLabel().Match(kv.Key).Groups["status"].Value)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
    }

    private static Dictionary<string, double> Minus(Dictionary<string, double> after, Dictionary<string, double> before) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key))).Where(x => x.Value > 0).ToDictionary(x => x.Key, x => x.Value);

    private sealed record H2loadRun(double RequestsPerSecond, long Done, long Failed, Latency Latency);

    /// <summary>One h2load run; its per-request latencies go to <paramref name="into"/> when given (runs at once need distinct <paramref name="logName"/>s).</summary>
    private static async Task<H2loadRun> RunH2loadAsync(EngineProcess engine, string path, string body, string dir, string[] load, Latency? into = null, string logName = "requests")
    {
        var log = Path.Combine(dir, logName + ".log");
        var info = new ProcessStartInfo("h2load") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in load.Concat([
            "-t", "1", "-d", body, "--log-file", log,
            "-H", "content-type: application/grpc", "-H", "te: trailers", "-H", $"authorization: Bearer {engine.ApiKey}",
            new Uri(engine.GrpcAddress, path).ToString()]))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start h2load");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout;
        var finished = FinishedLine().Match(text);
        var requests = RequestsLine().Match(text);
        if (process.ExitCode != 0 || !finished.Success || !requests.Success)
        {
            throw new InvalidOperationException($"h2load failed (exit {process.ExitCode}): {text}{await stderr}");
        }

        // The log's third column is the microseconds from request start to the end of the response.
        var latency = into ?? new Latency();
        foreach (var line in await File.ReadAllLinesAsync(log))
        {
            var columns = line.Split('\t');
            if (columns.Length >= 3 && long.TryParse(columns[2], CultureInfo.InvariantCulture, out var micros))
            {
                latency.Record(TimeSpan.FromMicroseconds(micros));
            }
        }

        File.Delete(log);
        long Group(string name) => long.Parse(requests.Groups[name].Value, CultureInfo.InvariantCulture);
        return new H2loadRun(double.Parse(finished.Groups["rps"].Value, CultureInfo.InvariantCulture), Group("done"),
            Group("failed") + Group("errored") + Group("timeout") + (Group("total") - Group("succeeded")), latency);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    [GeneratedRegex("status=\"(?<status>[A-Z_]+)\"")]
    private static partial Regex StatusLabel();

    // "finished in 10.00s, 12345.60 req/s, 1.23MB/s"
    [GeneratedRegex(@"finished in [^,]+, (?<rps>[0-9.]+) req/s")]
    private static partial Regex FinishedLine();

    // "requests: 1000 total, 1000 started, 1000 done, 1000 succeeded, 0 failed, 0 errored, 0 timeout"
    [GeneratedRegex(@"requests: (?<total>\d+) total, \d+ started, (?<done>\d+) done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored, (?<timeout>\d+) timeout")]
    private static partial Regex RequestsLine();
}
