using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using Realtime.Grpc.V1;

namespace Realtime.IntegrationTests;

/// <summary>
/// <c>realtime demo</c> as a real child process (the Host's build output, as the load tests start the engine): it stops
/// cleanly on a signal, and its redis-server never outlives it, not even a SIGKILL.
/// </summary>
public sealed partial class DemoProcessTests
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan s_redisGoneTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Demo_stops_on_a_signal_with_exit_code_0_and_takes_its_redis_server_with_it(string signal)
    {
        await using var demo = await Demo.StartAsync();
        await demo.WaitForLineAsync("Live events keep flowing", s_startTimeout);
        Assert.True(RedisAnswers(demo.RedisPort), "the demo's redis-server should answer while it runs");
        await AssertThePrintedKeyWorksAsync(demo.Output);
        await AssertThePrintedCurlWorksAsync(demo.Output);
        await AssertThePrintedDashboardLinkSignsInAsync(demo.Output);

        var stopwatch = Stopwatch.StartNew();
        Signal(demo.Process.Id, signal);
        var exited = await demo.WaitForExitAsync(s_exitTimeout);

        Assert.True(exited, $"demo still running {s_exitTimeout.TotalSeconds} s after SIG{signal}:\n{demo.Output}");
        Assert.Equal(0, demo.Process.ExitCode);
        Assert.Contains("demo stopped", demo.Output, StringComparison.Ordinal);
        Assert.True(await PortClosesAsync(demo.RedisPort, s_redisGoneTimeout), $"redis-server still listens on {demo.RedisPort} after the demo exited");
        Assert.True(stopwatch.Elapsed < s_exitTimeout);
    }

    [Fact]
    public async Task A_demo_killed_with_SIGKILL_leaves_no_redis_server_behind()
    {
        await using var demo = await Demo.StartAsync();
        await demo.WaitForLineAsync("Kafka (embedded mock) at", s_startTimeout);
        Assert.True(RedisAnswers(demo.RedisPort), "the demo's redis-server should answer while it runs");

        demo.Process.Kill(entireProcessTree: false); // SIGKILL to the demo alone: no shutdown hook runs
        Assert.True(await demo.WaitForExitAsync(s_exitTimeout));

        Assert.True(await PortClosesAsync(demo.RedisPort, s_redisGoneTimeout), $"redis-server on {demo.RedisPort} was orphaned by the SIGKILLed demo");
    }

    [Fact]
    public async Task Demo_profiles_are_scored_by_a_trained_churn_model_and_the_fitted_BG_NBD_model()
    {
        // The default store size (300 customers): enough history for the demo to train and fit both models.
        await using var demo = await Demo.StartAsync(customers: 300);
        await demo.WaitForLineAsync("Live events keep flowing", s_startTimeout);

        var churnLines = ChurnRiskLine().Matches(demo.Output);
        var clvLines = ClvLine().Matches(demo.Output);
        Assert.True(churnLines.Count >= 3, $"expected three printed profiles with a churn line:\n{demo.Output}");
        Assert.All(churnLines, m => Assert.Matches(@"^v\d{8}-\d{4}-[0-9a-f]{4}$", m.Groups["version"].Value));
        Assert.True(clvLines.Count >= 3, $"expected three printed profiles with a CLV line:\n{demo.Output}");
        Assert.All(clvLines, m => Assert.Equal("BG/NBD", m.Groups["method"].Value));
    }

    /// <summary>The demo runs with auth on: its "Try:" line carries the key as the header a client sends, and a call without it is refused.</summary>
    private static async Task AssertThePrintedKeyWorksAsync(string output)
    {
        var tryLine = TryLine().Match(output);
        Assert.True(tryLine.Success, $"no 'Serving. Try: grpcurl -H ...' line with a key:\n{output}");
        var (key, customer, authority) = (tryLine.Groups["key"].Value, tryLine.Groups["customer"].Value, tryLine.Groups["authority"].Value);
        using var channel = GrpcChannel.ForAddress($"http://{authority}");
        var client = new CustomerService.CustomerServiceClient(channel);
        var withKey = await client.GetProfileAsync(new GetProfileRequest { CustomerId = customer }, new Metadata { { "authorization", "Bearer " + key } });
        Assert.Equal(customer, withKey.CustomerId);
        var without = await Assert.ThrowsAsync<RpcException>(() => client.GetProfileAsync(new GetProfileRequest { CustomerId = customer }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, without.StatusCode);
    }

    /// <summary>The printed curl line, run as printed (by bash, with /usr/bin/curl), answers 200 with the customer's profile.</summary>
    private static async Task AssertThePrintedCurlWorksAsync(string output)
    {
        var curlLine = CurlLine().Match(output);
        Assert.True(curlLine.Success, $"no 'Try: curl ...' line:\n{output}");
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-c", curlLine.Groups["command"].Value + " -sS -w '\\n%{http_code}'"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        })!;
        var answer = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.EndsWith("\n200", answer, StringComparison.Ordinal);
        Assert.Contains("\"customerId\":", answer, StringComparison.Ordinal);
    }

    /// <summary>The printed dashboard link sets a session cookie and sends the browser to the page, which then answers 200.</summary>
    private static async Task AssertThePrintedDashboardLinkSignsInAsync(string output)
    {
        var dashboardLine = DashboardLine().Match(output);
        Assert.True(dashboardLine.Success, $"no line with 'dashboard' and a login URL:\n{output}");
        var url = new Uri(dashboardLine.Groups["url"].Value);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        using var login = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/"));
        page.Headers.Add("Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        using var dashboard = await http.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static bool RedisAnswers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[7];
            return stream.Read(buffer) > 0 && buffer[0] == (byte)'+';
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> PortClosesAsync(int port, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (!RedisAnswers(port))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    [GeneratedRegex(@"Serving\. Try: grpcurl -plaintext -H 'authorization: Bearer (?<key>[A-Za-z0-9_-]{43})' -d '\{""customer_id"":""(?<customer>[^""]+)""\}' (?<authority>127\.0\.0\.1:\d+) realtime\.v1\.CustomerService/GetProfile")]
    private static partial Regex TryLine();

    [GeneratedRegex(@"^Try: (?<command>curl -H 'authorization: Bearer [A-Za-z0-9_-]{43}' http://127\.0\.0\.1:\d+/v1/customers/[^/\s]+/profile)$", RegexOptions.Multiline)]
    private static partial Regex CurlLine();

    [GeneratedRegex(@"dashboard: (?<url>http://127\.0\.0\.1:\d+/login\?token=[A-Za-z0-9_-]{43})")]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"churn risk [0-9.]+ \(\w+, model (?<version>[^;]+);")]
    private static partial Regex ChurnRiskLine();

    [GeneratedRegex(@"CLV [0-9.]+ \+ [0-9.]+ predicted \((?<method>[^)]+)\)")]
    private static partial Regex ClvLine();

    [GeneratedRegex(@"redis-server started on 127\.0\.0\.1:(\d+)")]
    private static partial Regex RedisLine();

    /// <summary>One <c>dotnet realtime.dll demo</c> child with its output collected.</summary>
    private sealed class Demo : IAsyncDisposable
    {
        private readonly System.Text.StringBuilder _output = new();
        private readonly Lock _gate = new();

        private Demo(Process process) => Process = process;

        public Process Process { get; }

        public int RedisPort { get; private set; }

        public string Output
        {
            get
            {
                lock (_gate)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<Demo> StartAsync(int customers = 40)
        {
            // Through env(1) with SIGINT and SIGTERM reset to their default: a test run started in the background by a
            // non-interactive shell (nohup, `&`) ignores SIGINT, the child would inherit that and, rightly, not stop on it.
            var info = new ProcessStartInfo("env") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("--default-signal=INT,TERM");
            info.ArgumentList.Add("dotnet");
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "realtime.dll"));
            foreach (var arg in new[] { "demo", "--customers", customers.ToString(CultureInfo.InvariantCulture), "--rate", "50000", "--Api:GrpcPort=0", "--Api:HttpPort=0" })
            {
                info.ArgumentList.Add(arg);
            }

            // A registry of its own, so no model promoted elsewhere on the machine changes what the demo does.
            info.ArgumentList.Add("--Churn:ModelsRoot=" + Path.Combine(Path.GetTempPath(), "rt-demo-models-" + Guid.NewGuid().ToString("N")));
            var demo = new Demo(Process.Start(info)!);
            demo.Process.OutputDataReceived += (_, e) => demo.Append(e.Data);
            demo.Process.ErrorDataReceived += (_, e) => demo.Append(e.Data);
            demo.Process.BeginOutputReadLine();
            demo.Process.BeginErrorReadLine();
            await demo.WaitForLineAsync("redis-server started on", s_startTimeout);
            demo.RedisPort = int.Parse(RedisLine().Match(demo.Output).Groups[1].Value, CultureInfo.InvariantCulture);
            return demo;
        }

        public async Task WaitForLineAsync(string text, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                Assert.False(Process.HasExited, $"demo exited with {(Process.HasExited ? Process.ExitCode : 0)} before printing '{text}':\n{Output}");
                Assert.True(deadline.Elapsed < timeout, $"demo did not print '{text}' within {timeout.TotalSeconds} s:\n{Output}");
                await Task.Delay(50);
            }
        }

        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(cts.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_gate)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
