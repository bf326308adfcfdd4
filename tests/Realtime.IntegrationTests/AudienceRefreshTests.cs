using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;
using Realtime.Application.Lifecycle;
using Realtime.Core.Audiences;
using Realtime.Core.Events;
using Realtime.Host;

namespace Realtime.IntegrationTests;

/// <summary>
/// A named audience's scheduled refresh publishes each customer's joined and left once on the audiences topic, with
/// deterministic change ids; a refresh with no change publishes nothing.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AudienceRefreshTests(Servers servers)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_refresh_publishes_joined_and_left_once()
    {
        var scope = servers.NewScope("audience-refresh");
        var topic = $"audiences-{scope.GroupId}";
        var events = AcquisitionPopulation.Customers(80, seed: 13);
        var clock = new FakeTimeProvider(AcquisitionPopulation.Now);
        var settings = scope.Settings;
        settings["Kafka:AudiencesTopic"] = topic;
        await using (var ingest = scope.BuildEngine(AppMode.Ingest, clock))
        {
            await ingest.StartAsync();
            scope.Produce(events);
            var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(events), s_timeout);
            Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
            await ingest.StopAsync();
        }

        // The engine refreshes the named audience at start-up: everyone acquired by email joins.
        settings["Audiences:Definitions:email_customers"] = "channel=email";
        await using var engine = RealtimeApp.Build([], AppMode.All, settings, clock);
        await engine.StartAsync();
        var email = events.Where(e => e.Type == EventType.CustomerRegistered && e.Channel == "email").Select(e => e.CustomerId).ToList();
        var first = Read(topic, email.Count);
        Assert.Equal(email.Order(StringComparer.Ordinal), first.Where(m => m.Change == "joined").Select(m => m.CustomerId).Order(StringComparer.Ordinal));
        Assert.All(first, m => Assert.Equal($"email_customers:1:joined:{m.CustomerId}", m.ChangeId));

        // Nothing changed: nothing published. Then two email customers re-register through paid social, one new joins.
        var refresher = engine.Services.GetRequiredService<AudienceRefresher>();
        var membership = engine.Services.GetRequiredService<IAudienceMembership>();
        await CrashRecoveryTests.WaitUntilAsync(async () => await membership.GenerationAsync("email_customers", CancellationToken.None) == 1, s_timeout);
        Assert.True(AudienceDefinition.TryParse("channel=email", "definition", out var definition, out _));
        Assert.Equal((0, 0), await refresher.RefreshAsync("email_customers", definition!, clock.GetUtcNow(), CancellationToken.None));
        var moved = email.Take(2).ToList();
        CustomerEvent Register(string id, string channel) => new()
        {
            EventId = $"{id}-reg-{channel}",
            Type = EventType.CustomerRegistered,
            CustomerId = id,
            OccurredAt = AcquisitionPopulation.Now.AddHours(-1),
            Channel = channel,
        };
        var changes = moved.Select(id => Register(id, "paid_social")).Append(Register("newcomer", "email")).ToList();
        scope.Produce(changes);
        var mismatchesAfter = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(events.Concat(changes)), s_timeout);
        Assert.True(mismatchesAfter.Count == 0, TestScope.Describe(mismatchesAfter));
        Assert.Equal((1, 2), await refresher.RefreshAsync("email_customers", definition!, clock.GetUtcNow(), CancellationToken.None));

        var all = Read(topic, email.Count + 3);
        Assert.Equal(email.Count + 3, all.Count);
        Assert.Equal(all.Count, all.Select(m => m.ChangeId).Distinct().Count());
        var second = all.Where(m => m.Generation == 3).ToList(); // generation 2 was the refresh without changes
        Assert.Equal(["left:" + moved[0], "left:" + moved[1], "joined:newcomer"], second.Select(m => $"{m.Change}:{m.CustomerId}").OrderBy(x => x.StartsWith("joined", StringComparison.Ordinal)).ThenBy(x => x, StringComparer.Ordinal));
        await engine.StopAsync();
    }

    private sealed record Message(string ChangeId, string CustomerId, string Change, long Generation);

    /// <summary>Reads the topic from the start until <paramref name="expected"/> messages arrived (or 30 s), then a second more.</summary>
    private List<Message> Read(string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = servers.Kafka.BootstrapServers,
            GroupId = $"audiences-reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var found = new List<Message>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        DateTime? linger = null;
        while (DateTime.UtcNow < (linger ?? deadline))
        {
            if (Consume(consumer) is { } r)
            {
                var json = JsonDocument.Parse(r.Message.Value).RootElement;
                Assert.Equal(r.Message.Key, json.GetProperty("customer_id").GetString());
                found.Add(new Message(json.GetProperty("change_id").GetString()!, json.GetProperty("customer_id").GetString()!, json.GetProperty("change").GetString()!, json.GetProperty("generation").GetInt64()));
            }

            if (found.Count >= expected && linger is null)
            {
                linger = DateTime.UtcNow.AddSeconds(1);
            }
        }

        consumer.Close();
        return found;
    }

    /// <summary>
    /// The next record, or null. The engine creates the topic with its first publication, which may come after this
    /// reader subscribed: until then the client reports the topic unknown, which is not a failure here.
    /// </summary>
    private static ConsumeResult<string?, byte[]>? Consume(IConsumer<string?, byte[]> consumer)
    {
        try
        {
            return consumer.Consume(TimeSpan.FromMilliseconds(200));
        }
        catch (ConsumeException ex) when (ex.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            return null;
        }
    }
}
