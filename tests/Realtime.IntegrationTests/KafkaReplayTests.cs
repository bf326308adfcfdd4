using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Kafka;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public sealed class KafkaReplayTests(Servers servers)
{
    [Fact]
    public void A_topic_replayed_from_the_beginning_gives_every_valid_event_for_training_sets()
    {
        var scope = servers.NewScope("replay");
        var events = StoreSimulator.Generate(new SimulationOptions { Customers = 80, Seed = 21, IncludeCatalog = false }).ToList();
        scope.Produce(events);
        using (var producer = scope.NewProducer())
        {
            producer.Produce(scope.EventsTopic, new Confluent.Kafka.Message<string?, byte[]> { Key = "x", Value = "not json"u8.ToArray() });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        using var broker = new KafkaBroker(Microsoft.Extensions.Options.Options.Create(new KafkaOptions { BootstrapServers = servers.Kafka.BootstrapServers }));
        var replayed = new KafkaTopicEventSource(broker, scope.EventsTopic).ReadEvents().ToList();

        Assert.Equal(events.Count, replayed.Count);
        var expected = TestScope.ExpectedStates(events);
        var actual = TestScope.ExpectedStates(replayed);
        Assert.All(expected, kv => Assert.Equal(StateCodec.Encode(kv.Value), StateCodec.Encode(actual[kv.Key])));
    }
}
