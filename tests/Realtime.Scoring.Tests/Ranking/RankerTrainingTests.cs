using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;
using Realtime.Scoring.Ranking;

namespace Realtime.Scoring.Tests.Ranking;

public sealed class RankerTrainingTests
{
    [Fact]
    public void LambdaRank_learns_to_put_the_planted_staple_first_more_often_than_the_blend()
    {
        var signals = new ItemSignalOptions { Epoch = RepurchasePopulation.Start };
        var options = new RecommendationOptions();
        var history = RepurchasePopulation.Generate(customers: 120, ordersPerCustomer: 8, seed: 11);
        var training = RankerExampleBuilder.NextBaskets(history, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var validation = training.Where(t => t.Key % 5 == 0).ToDictionary();
        foreach (var key in validation.Keys)
        {
            training.Remove(key);
        }

        var (fit, stop) = RankerExampleBuilder.Build(history, training, validation, options, signals, excludeSeen: false);
        var ranker = TrainedRanker.Train(fit, stop, new RankerTrainingOptions { MaxIterations = 60, MinimumExamplesPerLeaf = 20 });

        // Held-out customers (other ids, other draws): asked before each of their orders after the first.
        var heldOut = RepurchasePopulation.Generate(customers: 60, ordersPerCustomer: 8, seed: 12, prefix: "h");
        var replay = new RankerReplay(options, signals);
        var candidates = new RankerCandidates();
        var learned = new List<Recommendation>();
        int asked = 0, rankerFirst = 0, blendFirst = 0;
        foreach (var e in heldOut)
        {
            if (replay.ProfileOf(e.CustomerId).Baskets > 0)
            {
                var staple = e.Lines.Single(l => l.ProductId.StartsWith("staple", StringComparison.Ordinal)).ProductId;
                var now = TimeUnits.ToMs(e.OccurredAt);
                var request = new RecommendationRequest { Count = 10 };
                replay.Candidates(e.CustomerId, now, candidates);
                LearnedRanking.Rank(request, candidates, ranker.Forest, learned);
                var (state, store) = replay.View(e.CustomerId);
                var blend = RecommendationRanker.Rank(request, state, store.Read(RecommendationPlanner.Plan(request, state, options, now)), options, now);
                asked++;
                rankerFirst += learned[0].ProductId == staple ? 1 : 0;
                blendFirst += blend.Count > 0 && blend[0].ProductId == staple ? 1 : 0;
            }

            replay.Apply(e);
        }

        var rankerRate = (double)rankerFirst / asked;
        var blendRate = (double)blendFirst / asked;
        Assert.True(rankerRate > 0.95, $"the ranker put the staple first at {rankerRate:P0} of {asked} held-out orders, blend {blendRate:P0}");
        Assert.True(rankerRate > blendRate + 0.08, $"ranker {rankerRate:P0} against the blend's {blendRate:P0}");
    }

    [Fact]
    public void Training_without_any_positive_query_is_refused_with_a_reason()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TrainedRanker.Train(new RankerExamples(), new RankerExamples()));
        Assert.Contains("not enough history", ex.Message);
    }
}
