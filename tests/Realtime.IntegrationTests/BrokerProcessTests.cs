using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace Realtime.IntegrationTests;

/// <summary>
/// <c>realtime broker</c> (the mock cluster scripts/chaos runs as its own process) as a real child: it must survive
/// being stopped and continued (the chaos suite's pause-broker) and be taken down and up by signal (broker-down).
/// </summary>
public sealed class BrokerProcessTests
{
    private const string Topic = "paused.topic";

    [Fact]
    public async Task A_broker_stopped_and_continued_keeps_serving_and_loses_nothing()
    {
        using var broker = StartBroker();
        var bootstrap = await ReadAddressAsync(broker);
        using var producer = Producer(bootstrap, messageTimeoutMs: 20_000);
        await ProduceAsync(producer, "before");

        // SIGCONT is handled by the .NET runtime; a mock cluster thread that receives it stopped serving for good.
        for (var i = 0; i < 5; i++)
        {
            Signal(broker.Id, "STOP");
            await Task.Delay(300);
            Signal(broker.Id, "CONT");
            await Task.Delay(300);
        }

        await ProduceAsync(producer, "after");
        Assert.Equal(["before", "after"], Consume(bootstrap, 2));
        Assert.False(broker.HasExited);
        broker.Kill();
    }

    [Fact]
    public async Task A_broker_taken_down_refuses_records_until_it_is_up_again_and_keeps_what_it_had()
    {
        using var broker = StartBroker();
        var bootstrap = await ReadAddressAsync(broker);
        using var producer = Producer(bootstrap, messageTimeoutMs: 30_000);
        await ProduceAsync(producer, "before");

        Signal(broker.Id, "USR1");
        Assert.Equal("broker down", await ReadLineAsync(broker));
        var during = ProduceAsync(producer, "during");
        await Task.Delay(2_000);
        Assert.False(during.IsCompleted, "a record was acknowledged while the broker was down");

        Signal(broker.Id, "USR2");
        Assert.Equal("broker up", await ReadLineAsync(broker));
        await during; // delivered once the broker is back (the producer retries within its message timeout)
        Assert.Equal(["before", "during"], Consume(bootstrap, 2));
        broker.Kill();
    }

    private static IProducer<Null, string> Producer(string bootstrap, int messageTimeoutMs) =>
        new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrap, MessageTimeoutMs = messageTimeoutMs }).Build();

    private static Task<DeliveryResult<Null, string>> ProduceAsync(IProducer<Null, string> producer, string value) =>
        producer.ProduceAsync(Topic, new Message<Null, string> { Value = value });

    private static async Task<string?> ReadLineAsync(Process broker) =>
        await broker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

    private static Process StartBroker()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "realtime.dll"));
        foreach (var argument in new[] { "broker", "--partitions", "1", "--topics", Topic })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> ReadAddressAsync(Process broker)
    {
        var line = await broker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(line);
        Assert.StartsWith("broker ", line, StringComparison.Ordinal);
        return line["broker ".Length..].Trim();
    }

    private static List<string> Consume(string bootstrap, int count)
    {
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "paused-reader",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(Topic, 0, Offset.Beginning));
        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (values.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                values.Add(record.Message.Value);
            }
        }

        return values;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
