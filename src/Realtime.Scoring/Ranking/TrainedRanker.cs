using Microsoft.ML;

namespace Realtime.Scoring.Ranking;

/// <summary>A fitted ranker: the ML.NET model (saved into a version folder) and its direct evaluator.</summary>
public sealed class TrainedRanker
{
    internal TrainedRanker(MLContext ml, ITransformer model, RankerForest forest, int rounds, double validationNdcg, int trainingQueries, int validationQueries)
    {
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
        var (model, _, rounds, ndcg) = RankerTrainer.Fit(ml, training, validation, options ?? new());
        return new TrainedRanker(ml, model, RankerForest.From(version, model), rounds, ndcg, training.Queries, validation.Queries);
    }
}
