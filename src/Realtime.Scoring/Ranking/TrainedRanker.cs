using Microsoft.ML;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Scoring.Ranking;

/// <summary>A fitted ranker: the ML.NET model (saved into a version folder) and its direct evaluator.</summary>
public sealed class TrainedRanker
{
    internal TrainedRanker(MLContext ml, ITransformer model, RankerForest forest, int rounds, double validationNdcg, int trainingQueries, int validationQueries, IRankerModel? beforeValidation = null, ExploreFit? explore = null)
    {
        ExploreSide = explore;
        BeforeValidation = beforeValidation;
        Ml = ml;
        Model = model;
        Forest = forest;
        Rounds = rounds;
        ValidationNdcg = validationNdcg;
        TrainingQueries = trainingQueries;
        ValidationQueries = validationQueries;
    }

    /// <summary>The model, evaluated directly (as the API serves it).</summary>
    public RankerForest Forest { get; }

    /// <summary>The explore model (<see cref="RankerTrainingOptions.ExploreModel"/>), or null when not trained or no query had an explore hit.</summary>
    public ExploreFit? ExploreSide { get; }

    /// <summary>What the API serves: <see cref="Forest"/>, with the explore model ordering the slate's reserved positions when there is one.</summary>
    public IRankerModel Serving => ExploreSide is null ? Forest : new WithExploreModel(Forest, ExploreSide.Forest);

    /// <summary>
    /// The model fitted on the training queries alone, cut at <see cref="Rounds"/>: it has seen nothing of the
    /// validation window, so serving choices (the explore positions) can be measured there. Null without validation queries.
    /// </summary>
    public IRankerModel? BeforeValidation { get; }

    /// <summary>Boosting rounds (chosen by early stopping on the validation queries).</summary>
    public int Rounds { get; }

    /// <summary>NDCG@10 over the validation queries' candidates of the model fitted on the training queries alone, at <see cref="Rounds"/>; NaN without validation queries.</summary>
    public double ValidationNdcg { get; }

    public int TrainingQueries { get; }

    public int ValidationQueries { get; }

    internal MLContext Ml { get; }

    internal ITransformer Model { get; }

    /// <summary>Fits LambdaRank on <paramref name="training"/>, early-stopped on <paramref name="validation"/>, then refits on both.</summary>
    public static TrainedRanker Train(RankerExamples training, RankerExamples validation, RankerTrainingOptions? options = null, string version = "trained")
    {
        if (training.Queries == 0)
        {
            throw new InvalidOperationException("no training query has a relevant product among its candidates: not enough history to train a ranker");
        }

        options ??= new();
        var ml = new MLContext(seed: options.Seed);
        var (model, stopped, rounds, ndcg) = RankerTrainer.Fit(ml, training, validation, options);
        IRankerModel? beforeValidation = stopped is null ? null : new ForestPrefix(RankerForest.From(version + "-before-validation", stopped), rounds);
        ExploreFit? explore = null;
        var (exploreTraining, exploreValidation) = (training.ExploreOnly(), validation.ExploreOnly());
        if (options.ExploreModel && exploreTraining.Queries > 0)
        {
            var (exploreModel, exploreStopped, exploreRounds, exploreNdcg) = RankerTrainer.Fit(ml, exploreTraining, exploreValidation, options);
            explore = new ExploreFit(exploreModel, RankerForest.From(version + "-explore", exploreModel), exploreRounds, exploreNdcg, exploreTraining.Queries, exploreValidation.Queries);
            if (beforeValidation is not null && exploreStopped is not null)
            {
                beforeValidation = new WithExploreModel(beforeValidation, new ForestPrefix(RankerForest.From(version + "-explore-before-validation", exploreStopped), exploreRounds));
            }
        }

        return new TrainedRanker(ml, model, RankerForest.From(version, model), rounds, ndcg, training.Queries, validation.Queries, beforeValidation, explore);
    }

    /// <summary>
    /// The explore model: LambdaRank on the explore candidates alone (<see cref="RankerExamples.ExploreOnly"/>), early
    /// stopped and refit as the main model is.
    /// </summary>
    /// <param name="Model">The ML.NET model (saved as the version's explore file).</param>
    /// <param name="Forest">Its direct evaluator.</param>
    /// <param name="Rounds">Boosting rounds chosen on the validation queries' explore side.</param>
    /// <param name="ValidationNdcg">NDCG@10 over those queries' explore candidates, of the model fitted on the training queries alone.</param>
    /// <param name="TrainingQueries">Training queries with an explore hit among their candidates.</param>
    /// <param name="ValidationQueries">Validation queries with one.</param>
    public sealed record ExploreFit(ITransformer Model, RankerForest Forest, int Rounds, double ValidationNdcg, int TrainingQueries, int ValidationQueries);

    /// <summary>The first trees of a forest (no bias: a constant does not change an order).</summary>
    private sealed class ForestPrefix(RankerForest forest, int trees) : IRankerModel
    {
        public string Version => forest.Version;

        public double Score(ReadOnlySpan<float> features) => forest.Trees(features, 0, Math.Min(trees, forest.TreeCount));
    }
}
