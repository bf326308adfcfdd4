using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Realtime.Grpc.Security;

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

    private EngineProcess(Process process, int grpcPort, int httpPort, string? apiKey)
    {
        _process = process;
        ApiKey = apiKey;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        MetricsAddress = new Uri($"http://127.0.0.1:{httpPort}/metrics");
        HealthAddress = new Uri($"http://127.0.0.1:{httpPort}/healthz");
    }

    public Uri GrpcAddress { get; }

    public Uri MetricsAddress { get; }

    private Uri HealthAddress { get; }

    public int Id => _process.Id;

    /// <summary>The key (every scope) the engine was started with; null when started with <c>Api:Auth:Disabled=true</c>.</summary>
    public string? ApiKey { get; }

    /// <summary>A channel to the engine whose every call carries <see cref="ApiKey"/> (<c>authorization: Bearer ...</c>).</summary>
    public GrpcChannel NewChannel(SocketsHttpHandler? handler = null) =>
        GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions { HttpHandler = new BearerHandler(ApiKey, handler ?? new SocketsHttpHandler()) });

    /// <summary>
    /// The engine binary: the build copied beside the load test, or <c>REALTIME_ENGINE_DLL</c> (e.g. a ReadyToRun
    /// publish, <c>dotnet publish src/Realtime.Host -c Release -r linux-x64 --self-contained false
    /// -p:PublishReadyToRun=true</c>), to compare builds of the same code.
    /// </summary>
    private static string EngineDll =>
        Environment.GetEnvironmentVariable("REALTIME_ENGINE_DLL") is { Length: > 0 } dll ? dll : Path.Combine(AppContext.BaseDirectory, "realtime.dll");

    /// <summary>
    /// Starts <c>realtime &lt;verb&gt;</c> with <paramref name="settings"/> and waits until /healthz answers. Unless the
    /// settings disable auth, the engine gets a freshly generated key with every scope (<see cref="ApiKey"/>).
    /// </summary>
    public static async Task<EngineProcess> StartAsync(string verb, IReadOnlyDictionary<string, string> settings)
    {
        var key = settings.TryGetValue("Api:Auth:Disabled", out var disabled) && disabled == "true" ? null : Grpc.Security.ApiKey.Create();
        var grpcPort = FreePort();
        var httpPort = FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(EngineDll);
        info.ArgumentList.Add(verb);
        foreach (var (name, value) in settings)
        {
            info.ArgumentList.Add($"--{name}={value}");
        }

        info.ArgumentList.Add($"--Api:GrpcPort={grpcPort.ToString(CultureInfo.InvariantCulture)}");
        info.ArgumentList.Add($"--Api:HttpPort={httpPort.ToString(CultureInfo.InvariantCulture)}");
        if (key is not null)
        {
            info.ArgumentList.Add("--Api:Auth:Keys:0:Name=bench");
            info.ArgumentList.Add($"--Api:Auth:Keys:0:Sha256={key.Sha256}");
            info.ArgumentList.Add($"--Api:Auth:Keys:0:Scopes={string.Join(',', ApiScopes.All)}");
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start realtime.dll");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var engine = new EngineProcess(process, grpcPort, httpPort, key?.Key);
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
        using var request = new HttpRequestMessage(HttpMethod.Get, MetricsAddress);
        if (ApiKey is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        }

        using var response = await s_http.SendAsync(request);
        var text = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
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

    /// <summary>Adds <c>authorization: Bearer &lt;key&gt;</c> to every request of a gRPC channel.</summary>
    private sealed class BearerHandler(string? key, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("authorization", "Bearer " + key);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
