using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Realtime.Host.Cli;

namespace Realtime.IntegrationTests;

/// <summary><c>realtime</c>'s command line, invoked in-process with its output captured, as a user would type it.</summary>
[Collection(ServersCollection.Name)]
public sealed class CommandLineTests(Servers servers)
{
    public static TheoryData<string> EveryCommand()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            data.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, (path + " " + sub.Name).Trim());
            }
        }

        Walk(RealtimeCli.Build(TextWriter.Null), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Every_command_answers_help_with_a_description_and_an_example(string path)
    {
        var (code, output, error) = await RunAsync([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Description:", output, StringComparison.Ordinal);
        Assert.Matches("Examples?:", output);
        Assert.Contains("realtime " + path, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--duration", "demo --duration 90", "is not a duration")]
    [InlineData("--customers", "demo --customers many", "is not a whole number")]
    [InlineData("--partitions", "broker --partitions 0", "from 1 to 256")]
    [InlineData("--cutoff", "eval recs --cutoff yesterday", "is not a date")]
    [InlineData("--dataset", "eval recs --dataset imdb", "imdb")]
    [InlineData("--bogus", "eval churn-cdnow --bogus", "--bogus")]
    [InlineData("--custmers=5", "serve --custmers=5", "unknown option")]
    [InlineData("--scopes", "keys create --name a --scopes everything", "unknown scope")]
    [InlineData("nonsense", "nonsense", "nonsense")]
    public async Task A_bad_value_or_an_unknown_option_is_one_line_on_stderr_and_exit_code_2(string culprit, string commandLine, string reason)
    {
        var (code, output, error) = await RunAsync(commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(Lines(error));
        Assert.Contains(culprit, line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.StartsWith("realtime", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("api")]
    [InlineData("ingest")]
    public async Task Running_the_engine_without_Kafka_BootstrapServers_refuses_and_says_what_to_set(string verb)
    {
        var (code, _, error) = await RunAsync([verb, $"--Redis:ConnectionString={servers.Redis.ConnectionString}", "--Api:Auth:Disabled=true"]);
        Assert.Equal(2, code);
        var line = Assert.Single(Lines(error));
        Assert.Contains("Kafka:BootstrapServers is not set", line, StringComparison.Ordinal);
        Assert.Contains("embedded", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Api:GrpcPort", "Api:HttpPort")]
    [InlineData("Api:HttpPort", "Api:GrpcPort")]
    public async Task A_port_in_use_ends_with_one_line_naming_the_option_to_change(string busyOption, string freeOption)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var scope = servers.NewScope("port-in-use");
        string[] args =
        [
            "api", .. scope.SettingsAsArgs, "--Api:Auth:Disabled=true", $"--{busyOption}={port}", $"--{freeOption}=0", "--Logging:LogLevel:Default=None",
        ];

        var (code, _, error) = await RunAsync(args).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, code);
        var line = Assert.Single(Lines(error));
        Assert.Contains($"port {port}", line, StringComparison.Ordinal);
        Assert.Contains($"change --{busyOption}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_settings_pass_only_in_their_own_shape()
    {
        Assert.True(ConfigurationOverrides.IsOverride("--Kafka:BootstrapServers=host:9092"));
        Assert.True(ConfigurationOverrides.IsOverride("--Kafka:Client:security.protocol=SASL_SSL"));
        Assert.True(ConfigurationOverrides.IsOverride("--ShutdownTimeoutSeconds=5"));
        Assert.False(ConfigurationOverrides.IsOverride("--customers=5"));
        Assert.False(ConfigurationOverrides.IsOverride("--Kafka:BootstrapServers"));
        Assert.False(ConfigurationOverrides.IsOverride("Kafka:BootstrapServers=x"));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await RealtimeCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
