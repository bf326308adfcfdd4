using Realtime.Core.History;
using Realtime.Core.Recommendations;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// <c>realtime ranker train</c>'s pipeline: history → point-in-time next-basket examples (every order by a returning
/// customer is a query) → LambdaRank, early-stopped on the last <c>validationDays</c> of the history and refit on all
/// → a new, unpromoted version in the ranker registry.
/// </summary>
public static class RankerTraining
{
    /// <summary>Trains and registers; returns the version and its manifest. Throws <see cref="InvalidOperationException"/> when the history is too small.</summary>
    public static (string Version, RankerManifest Manifest) Train(
        IEventSource source, string modelsRoot, TimeSpan validation, DateTimeOffset createdAt, RankerTrainingOptions? options = null,
        RecommendationOptions? recommendation = null)
    {
        options ??= new RankerTrainingOptions();
        var events = source.ReadEvents().OrderBy(e => e.OccurredAt).ToList(); // stable: ties keep the source's order
        if (events.Count == 0)
        {
            throw new InvalidOperationException($"no events in {source.Description}");
        }

        var (start, end) = (events[0].OccurredAt, events[^1].OccurredAt);
        var validationStart = end - validation;
        var training = RankerExampleBuilder.NextBaskets(events, DateTimeOffset.MinValue, validationStart);
        var validating = RankerExampleBuilder.NextBaskets(events, validationStart, DateTimeOffset.MaxValue);
        var (fit, stop) = RankerExampleBuilder.Build(
            events, training, validating, recommendation ?? new RecommendationOptions(), new ItemSignalOptions { Epoch = start }, excludeSeen: false,
            exploreLabel: options.ExploreLabel);
        var ranker = TrainedRanker.Train(fit, stop, options);
        var manifest = new RankerManifest
        {
            SchemaVersion = Core.Recommendations.Ranking.RankerFeatures.Version,
            FeatureNames = Core.Recommendations.Ranking.RankerFeatures.Names,
            CreatedAt = createdAt,
            TrainedOn = source.Description,
            DataStart = start,
            DataEnd = end,
            ValidationStart = validationStart,
            TrainingQueries = ranker.TrainingQueries,
            ValidationQueries = ranker.ValidationQueries,
            Rounds = ranker.Rounds,
            ValidationNdcgAt10 = ranker.ValidationNdcg,
            Options = options,
        };
        return (new RankerRegistry(modelsRoot).Register(ranker, manifest), manifest);
    }
}
