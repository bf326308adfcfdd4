using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// Fits LightGBM LambdaRank (<c>LightGbmRanking</c>) on ranker examples: first on the training queries with early
/// stopping on the validation queries (NDCG), then again on both with the number of rounds that stopping chose, so
/// the model also learns from the weeks closest to serving.
/// </summary>
internal static class RankerTrainer
{
    private const string GroupColumn = "GroupId";

    /// <summary>
    /// The final model, the model fitted on the training queries alone (null without validation queries), the rounds
    /// chosen and that model's validation NDCG@10 at those rounds. Early stopping is done here, on prefixes of the
    /// training-only ensemble (ML.NET 5.0.1 hands LightGBM a validation set as one query, which it refuses above
    /// 10,000 rows), stepping <see cref="RoundStep"/> rounds at a time.
    /// </summary>
    public static (ITransformer Model, ITransformer? Stopped, int Rounds, double ValidationNdcg) Fit(MLContext ml, RankerExamples training, RankerExamples validation, RankerTrainingOptions o)
    {
        // LightGBM groups rows by a key column: one mapping fitted on every query id, so both sets agree on it.
        var everything = ml.Data.LoadFromEnumerable(training.ToRows().Concat(validation.ToRows(training.Queries)));
        var keys = ml.Transforms.Conversion.MapValueToKey(GroupColumn, nameof(RankerRow.Query)).Fit(everything);
        if (validation.Queries == 0)
        {
            return (Trainer(ml, o, o.MaxIterations).Fit(keys.Transform(everything)), null, o.MaxIterations, double.NaN);
        }

        var stopped = Trainer(ml, o, o.MaxIterations).Fit(keys.Transform(ml.Data.LoadFromEnumerable(training.ToRows())));
        var (rounds, ndcg) = BestPrefix(RankerForest.From("validation", stopped), validation, o.EarlyStoppingRounds);
        return (Trainer(ml, o, rounds).Fit(keys.Transform(everything)), stopped, rounds, ndcg);
    }

    private const int RoundStep = 10;

    /// <summary>The number of rounds (a multiple of <see cref="RoundStep"/>) with the best validation NDCG@10; stops after <paramref name="patience"/> rounds without a gain.</summary>
    private static (int Rounds, double Ndcg) BestPrefix(RankerForest forest, RankerExamples validation, int patience)
    {
        var scores = new double[validation.Rows];
        var rows = new float[validation.Rows][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = validation.Row(r);
        }

        var (best, bestNdcg) = (0, double.NegativeInfinity);
        for (var to = Math.Min(RoundStep, forest.TreeCount); to <= forest.TreeCount; to += RoundStep)
        {
            var from = Math.Max(0, to - RoundStep);
            for (var r = 0; r < rows.Length; r++)
            {
                scores[r] += forest.Trees(rows[r], from, to);
            }

            var ndcg = RankerValidation.NdcgAt10(scores, validation);
            if (ndcg > bestNdcg + 1e-6)
            {
                (best, bestNdcg) = (to, ndcg);
            }
            else if (to - best >= patience)
            {
                break;
            }
        }

        return (Math.Max(best, 1), bestNdcg);
    }

    /// <summary>Saves the model with the input schema of <see cref="RankerRow"/>.</summary>
    public static void Save(MLContext ml, ITransformer model, string path) =>
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<RankerRow>()).Schema, path);

    private static LightGbmRankingTrainer Trainer(MLContext ml, RankerTrainingOptions o, int rounds) =>
        ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(RankerRow.Label),
            FeatureColumnName = nameof(RankerRow.Features),
            RowGroupColumnName = GroupColumn,
            NumberOfIterations = rounds,
            NumberOfLeaves = o.NumberOfLeaves,
            LearningRate = o.LearningRate,
            MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
            Seed = o.Seed,
            // One thread: the machines this runs on are small and shared (as the churn trainer).
            NumberOfThreads = 1,
            Verbose = false,
            Silent = true,
        });
}
