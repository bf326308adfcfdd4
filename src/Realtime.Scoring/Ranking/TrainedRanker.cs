using Microsoft.ML;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Scoring.Ranking;

/// <summary>A fitted ranker: the ML.NET model (saved into a version folder) and its direct evaluator.</summary>
public sealed class TrainedRanker
{
    internal TrainedRanker(MLContext ml, ITransformer model, RankerForest forest, int rounds, double validationNdcg, int trainingQueries, int validationQueries, IRankerModel? beforeValidation = null)
    {
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

        var ml = new MLContext(seed: (options ?? new()).Seed);
        var (model, stopped, rounds, ndcg) = RankerTrainer.Fit(ml, training, validation, options ?? new());
        var beforeValidation = stopped is null ? null : new ForestPrefix(RankerForest.From(version + "-before-validation", stopped), rounds);
        return new TrainedRanker(ml, model, RankerForest.From(version, model), rounds, ndcg, training.Queries, validation.Queries, beforeValidation);
    }

    /// <summary>The first trees of a forest (no bias: a constant does not change an order).</summary>
    private sealed class ForestPrefix(RankerForest forest, int trees) : IRankerModel
    {
        public string Version => forest.Version;

        public double Score(ReadOnlySpan<float> features) => forest.Trees(features, 0, Math.Min(trees, forest.TreeCount));
    }
}
