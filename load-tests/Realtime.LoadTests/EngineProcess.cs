using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Realtime.LoadTests;

/// <summary>
/// The engine under test as a child process (<c>dotnet realtime.dll api|serve|ingest</c>): its own GC heap, thread
/// pool and JIT, so the load generator's allocations and threads do not distort what is measured (both still share
/// the machine's cores).
/// </summary>
internal sealed class EngineProcess : IAsyncDisposable
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;

    private EngineProcess(Process process, int grpcPort, int httpPort)
    {
        _process = process;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        MetricsAddress = new Uri($"http://127.0.0.1:{httpPort}/metrics");
        HealthAddress = new Uri($"http://127.0.0.1:{httpPort}/healthz");
    }

    public Uri GrpcAddress { get; }

    public Uri MetricsAddress { get; }

    private Uri HealthAddress { get; }

    public int Id => _process.Id;

    /// <summary>Starts <c>realtime &lt;verb&gt;</c> with <paramref name="settings"/> and waits until /healthz answers.</summary>
    public static async Task<EngineProcess> StartAsync(string verb, IReadOnlyDictionary<string, string> settings)
    {
        var grpcPort = FreePort();
        var httpPort = FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "realtime.dll"));
        info.ArgumentList.Add(verb);
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.ArgumentList.Add($"--Api:GrpcPort={grpcPort.ToString(CultureInfo.InvariantCulture)}");
        info.ArgumentList.Add($"--Api:HttpPort={httpPort.ToString(CultureInfo.InvariantCulture)}");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start realtime.dll");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var engine = new EngineProcess(process, grpcPort, httpPort);
        await engine.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return engine;
    }

    /// <summary>Sum of a Prometheus counter over all its label sets, read from /metrics.</summary>
    public async Task<double> MetricSumAsync(string name) =>
        (await MetricSeriesAsync(name))
            .Where(kv => kv.Key == name || kv.Key.StartsWith(name + "{", StringComparison.Ordinal))
            .Sum(kv => kv.Value);

    /// <summary>Every sample of a Prometheus metric family, by its full series name (with labels), from /metrics.</summary>
    public async Task<Dictionary<string, double>> MetricSeriesAsync(string name)
    {
        var text = await s_http.GetStringAsync(MetricsAddress);
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && !line.StartsWith('#'))
            {
                var space = line.LastIndexOf(' ');
                series[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return series;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"realtime exited at start with code {_process.ExitCode}");
            }

            try
            {
                using var response = await s_http.GetAsync(HealthAddress);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("realtime did not become healthy");
    }

    // The engine logs at Warning and above only; pass those through so a failing run explains itself.
    private static void Forward(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.Error.WriteLine($"  [engine] {line}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
