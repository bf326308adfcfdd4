using Realtime.Core.Events;
using Realtime.Core.Simulation;
using Realtime.Grpc.V1;
using Realtime.Scoring.History;
using Realtime.Scoring.Registry;
using Realtime.Scoring.Training;

namespace Realtime.IntegrationTests;

/// <summary>
/// Segments use the serving churn model's score wherever they are evaluated: ingest publishes it on
/// <c>realtime.segments</c> and moves a customer into <c>at_risk</c> by <c>Lifecycle:ChurnAtRiskThreshold</c>, and an offer
/// decision and the learning from the offer it showed key that customer under the same segment.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class SegmentChurnScoreTests(Servers servers) : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _models = Directory.CreateTempSubdirectory("realtime-segment-models-").FullName;

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public async Task Ingest_puts_a_buyer_in_at_risk_by_the_served_churn_score_and_decision_and_learning_key_it_alike()
    {
        var now = DateTimeOffset.UtcNow;
        var history = StoreSimulator.Generate(new SimulationOptions { Customers = 600, Seed = 3, IncludeCatalog = false, Start = now.AddDays(-400), Span = TimeSpan.FromDays(400) });
        var trained = ChurnTraining.Train(new EnumerableEventSource(history, "simulated"), new ChurnTrainingOptions { ModelsRoot = _models, NumberOfTrees = 30, MinimumExamplesPerLeaf = 20, Trainers = [ChurnTrainerKind.FastTree] });
        new ModelRegistry(_models).Promote(trained.Version);

        // Threshold 0: any served score puts a buyer in at_risk, while no score (no model) never does. The buyer ordered
        // yesterday, so its own rhythm says first_time_buyer: at_risk can only come from the score.
        await using var engine = await OfferEngine.StartAsync(servers, "segchurn", extraSettings: new Dictionary<string, string?>
        {
            ["Churn:ModelsRoot"] = _models,
            ["Lifecycle:ChurnAtRiskThreshold"] = "0",
        });
        using var feed = new SegmentFeed(servers, engine.Scope);
        var id = OfferEngine.CustomerId("segchurn", holdout: false);
        engine.Scope.Produce([LifecycleEvents.Registered(id, now.AddDays(-2)), OfferEngine.Order(id, now.AddDays(-1))]);

        var messages = await feed.WaitUntilAsync(m => m.Any(x => x.CustomerId == id && x.Segment == "at_risk" && x.Change == "entered"), s_timeout);
        var entered = messages.Last(x => x.CustomerId == id && x.Segment == "at_risk" && x.Change == "entered");
        Assert.NotNull(entered.ChurnScore);
        Assert.InRange(entered.ChurnScore.Value, 0, 1);
        Assert.Equal("at_risk", entered.PrimaryStage);
        Assert.DoesNotContain(messages, x => x.CustomerId == id && x.Segment == "first_time_buyer" && x.Change == "entered");

        var decision = await engine.Offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "email" });
        Assert.Equal("at_risk", decision.Segments[0]);

        // The win-back offer targets at_risk and inactive: read under at_risk by the decision. Learning that keyed the
        // customer without the score would fall back to its rhythm's stage (first_time_buyer).
        const string offer = "win_back_10";
        var key = decision.Alternatives.Single(a => a.OfferId == offer).SegmentKey;
        Assert.Equal("at_risk", key);

        // The offer shown at the decision's instant is learned on the pre-event state at the event's time.
        engine.Scope.Produce([OfferEngine.Event(EventType.OfferShown, id, decision.DecidedAt.ToDateTimeOffset(), offer, channel: "email")]);
        Assert.True(await OfferEngine.UntilAsync(async () => (await engine.StatsAsync()).Keys.Any(k => k.StartsWith($"shown:{offer}:", StringComparison.Ordinal))));
        var shown = (await engine.StatsAsync()).Keys.Single(k => k.StartsWith($"shown:{offer}:", StringComparison.Ordinal));
        Assert.Equal($"shown:{offer}:{key}", shown);
    }
}
