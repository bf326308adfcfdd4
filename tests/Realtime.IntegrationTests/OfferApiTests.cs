using System.Text.Json;
using Grpc.Core;
using Realtime.Core.Events;
using Realtime.Core.Offers;
using Realtime.Grpc.V1;
using Realtime.Host;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public sealed class OfferApiTests(Servers servers)
{
    private static readonly string[] s_secondPurchase = ["second_purchase_10", "second_purchase_free_shipping"];

    [Fact]
    public async Task A_first_time_buyer_gets_the_second_purchase_incentive_and_after_a_bad_review_service_recovery()
    {
        await using var engine = await OfferEngine.StartAsync(servers, "nbo");
        var id = OfferEngine.CustomerId("ftb", holdout: false);
        var now = DateTimeOffset.UtcNow;
        engine.Scope.Produce([OfferEngine.Event(EventType.CustomerRegistered, id, now.AddDays(-12)), OfferEngine.Order(id, now.AddDays(-10))]);
        Assert.True(await engine.WaitForStateAsync(id, s => s.OrderCount == 1));

        var first = await engine.Offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "email", Page = "home" });
        Assert.Contains(first.OfferId, s_secondPurchase);
        Assert.Equal("second_purchase", first.Kind);
        Assert.False(first.Holdout);
        Assert.True(first.ExpectedValue > 0);
        Assert.Equal(DefaultOfferCatalog.Catalog.Version, first.CatalogVersion);
        Assert.Equal("first_time_buyer", first.Segments[0]);
        Assert.Equal(DefaultOfferCatalog.Catalog.Offers.Count, first.Alternatives.Count);
        Assert.Equal("chosen", first.Alternatives[0].Verdict);

        engine.Scope.Produce([OfferEngine.Event(EventType.ReviewSubmitted, id, now.AddMinutes(-5), rating: 1)]);
        Assert.True(await engine.WaitForStateAsync(id, s => s.ReviewCount == 1));

        var second = await engine.Offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "email" });
        Assert.Equal("service_recovery_credit", second.OfferId);
        Assert.Equal("service_recovery", second.Kind);
        Assert.Contains("negative_experience", second.Segments);
        Assert.Contains(second.Alternatives, a => s_secondPurchase.Contains(a.OfferId) && a.Verdict == "overridden");
    }

    [Fact]
    public async Task Every_decision_appears_on_the_decisions_topic_for_a_separate_consumer()
    {
        await using var engine = await OfferEngine.StartAsync(servers, "dlog", AppMode.Api);
        var treated = OfferEngine.CustomerId("dlog", holdout: false);
        var held = OfferEngine.CustomerId("dlog", holdout: true);
        var now = DateTimeOffset.UtcNow;
        var store = engine.Scope.Store;
        var states = new[] { treated, held }.Select(c =>
        {
            var state = new Realtime.Core.State.CustomerState(c);
            Realtime.Core.State.CustomerFold.Apply(state, OfferEngine.Order(c, now.AddDays(-10)));
            state.LastPartition = 0;
            state.LastOffset = 1;
            return state;
        }).ToList();
        await store.SaveAsync(states, CancellationToken.None);

        var decided = new List<NextBestOfferResponse>();
        foreach (var c in new[] { treated, held })
        {
            decided.Add(await engine.Offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = c, Channel = "app" }));
        }

        using var consumer = engine.DecisionsConsumer();
        var seen = new Dictionary<string, (string Key, JsonElement Json)>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (seen.Count < decided.Count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                var json = JsonDocument.Parse(record.Message.Value).RootElement.Clone();
                seen[json.GetProperty("decision_id").GetString()!] = (record.Message.Key, json);
            }
        }

        consumer.Close();
        foreach (var d in decided)
        {
            Assert.True(seen.TryGetValue(d.DecisionId, out var message), $"decision {d.DecisionId} not on {engine.DecisionsTopic}");
            var json = message.Json;
            Assert.Equal(d.CustomerId, message.Key);
            Assert.Equal(d.CustomerId, json.GetProperty("customer_id").GetString());
            Assert.Equal(d.OfferId, json.GetProperty("offer_id").GetString());
            Assert.Equal("app", json.GetProperty("channel").GetString());
            Assert.Equal(d.Holdout, json.GetProperty("holdout").GetBoolean());
            Assert.Equal(d.WouldHaveOfferId, json.GetProperty("would_have_offer_id").GetString());
            Assert.Equal("first_time_buyer", json.GetProperty("segment").GetString());
            Assert.Equal(DefaultOfferCatalog.Catalog.Version, json.GetProperty("catalog_version").GetString());
            Assert.Equal("baseline", json.GetProperty("model_version").GetString()); // no churn model promoted: the baseline scores
            Assert.True(json.TryGetProperty("decided_at", out _));
            Assert.Equal(DefaultOfferCatalog.Catalog.Offers.Count, json.GetProperty("alternatives").GetArrayLength());
        }

        Assert.Equal("none", decided[1].OfferId);
        Assert.True(decided[1].Holdout);
        Assert.Contains(decided[1].WouldHaveOfferId, s_secondPurchase);
    }

    [Fact]
    public async Task Unknown_channels_are_invalid_arguments_and_unknown_customers_not_found()
    {
        await using var engine = await OfferEngine.StartAsync(servers, "nboerr", AppMode.Api);
        var badChannel = await Assert.ThrowsAsync<RpcException>(() => engine.Offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = "c1", Channel = "fax" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badChannel.StatusCode);
        Assert.Contains("channel", badChannel.Status.Detail);

        var badId = await Assert.ThrowsAsync<RpcException>(() => engine.Offers.ExplainOffersAsync(new ExplainOffersRequest { CustomerId = "a b", Channel = "email" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.Contains("customer_id", badId.Status.Detail);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => engine.Offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = "nobody", Channel = "email" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
