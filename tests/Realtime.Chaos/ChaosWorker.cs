using System.Diagnostics;
using System.Globalization;

namespace Realtime.Chaos;

/// <summary>One <c>realtime ingest</c> child process (one consumer-group member) with its own HTTP port for /readyz.</summary>
internal sealed class ChaosWorker : IDisposable
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private ChaosWorker(ChildProcess process, int httpPort, string name)
    {
        Process = process;
        HttpPort = httpPort;
        Name = name;
    }

    public ChildProcess Process { get; }

    public int HttpPort { get; }

    public string Name { get; }

    /// <summary>Starts a worker and waits until /healthz answers (the process is up; it may still be joining the group).</summary>
    public static async Task<ChaosWorker> StartAsync(ChaosEnvironment env, string name)
    {
        var httpPort = ChaosRedis.FreePort();
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "realtime.dll"), "ingest",
            $"--Kafka:BootstrapServers={env.Broker.BootstrapServers}",
            $"--Kafka:SessionTimeoutMs={env.Options.SessionTimeoutMs.ToString(CultureInfo.InvariantCulture)}",
            $"--Redis:ConnectionString={env.Redis.ConnectionString}",
            $"--Redis:KeyPrefix={ChaosEnvironment.KeyPrefix}",
            $"--Ingest:FailOnEventIdPrefix={EventStream.FaultMarker}",
            $"--Api:HttpPort={httpPort.ToString(CultureInfo.InvariantCulture)}",
            "--Api:GrpcPort=0",
            "--Logging:LogLevel:Default=Warning",
        ];
        var process = ChildProcess.Start("dotnet", args, Path.Combine(env.Root, $"{name}.log"), env.PidFile);
        var worker = new ChaosWorker(process, httpPort, name);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"worker {name} exited at start; see {process.LogPath}");
            }

            if (await worker.AnswersAsync("/healthz"))
            {
                return worker;
            }

            await Task.Delay(50);
        }

        worker.Dispose();
        throw new TimeoutException($"worker {name} did not answer /healthz within 60 s");
    }

    /// <summary>True when GET <paramref name="path"/> answers 2xx.</summary>
    public async Task<bool> AnswersAsync(string path)
    {
        try
        {
            using var response = await s_http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}{path}"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not left within <paramref name="grace"/>. True when it exited by itself.</summary>
    public async Task<bool> TerminateAsync(TimeSpan grace)
    {
        Process.Signal(Signals.Term);
        if (await Process.WaitForExitAsync(grace))
        {
            return true;
        }

        Process.KillHard();
        return false;
    }

    public void Dispose() => Process.Dispose();
}
