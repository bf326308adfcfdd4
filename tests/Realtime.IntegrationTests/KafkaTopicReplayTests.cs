using Realtime.Core.Simulation;
using Realtime.Host.Cli;

namespace Realtime.IntegrationTests;

/// <summary><c>realtime train --kafka-topic</c>'s replay as <c>ChurnCommands</c> receives it from the host.</summary>
[Collection(ServersCollection.Name)]
public sealed class KafkaTopicReplayTests(Servers servers)
{
    [Fact]
    public void The_host_replay_reads_the_whole_topic_and_closes_its_broker_when_disposed()
    {
        var scope = servers.NewScope("topic-replay");
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 40, Seed = 5, IncludeCatalog = false }).ToList();
        scope.Produce(events);

        var source = new KafkaTopicReplay().Open(scope.EventsTopic, servers.Kafka.BootstrapServers, []);
        var replayed = source.ReadEvents().ToList();

        Assert.Equal(events.Count, replayed.Count);
        Assert.Contains(scope.EventsTopic, source.Description, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IDisposable>(source).Dispose();
    }

    [Fact]
    public void Invalid_kafka_settings_are_an_argument_error_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => new KafkaTopicReplay().Open("t", servers.Kafka.BootstrapServers, ["--Kafka:ClientSecretFiles:sasl.password=/nonexistent/secret"]));

        Assert.Contains("Kafka:ClientSecretFiles:sasl.password: file '/nonexistent/secret' does not exist", error.Message, StringComparison.Ordinal);
    }
}
