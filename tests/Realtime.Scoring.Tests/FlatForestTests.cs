using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Realtime.Core.Churn;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Scoring.Ranking;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Tests;

/// <summary>The one flat-forest walk, as the churn scorer and the ranker use it, against ML.NET's own prediction.</summary>
public sealed class FlatForestTests
{
    [Fact]
    public void The_churn_forest_scores_as_ML_NETs_prediction_engine()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(FeatureSchema.Count, 3000, seed: 5).Select(r => new ChurnInput { Features = r.Features, Label = r.Target > 0.5 }).ToList();
        var model = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfIterations = 60, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 20, NumberOfThreads = 1 })
            .Fit(ml.Data.LoadFromEnumerable(rows));
        var forest = CompiledForest.From(model, FeatureSchema.Count);
        using var engine = ml.Model.CreatePredictionEngine<ChurnInput, ChurnOutput>(model);

        Assert.Equal(60, forest.TreeCount);
        foreach (var probe in Rows(FeatureSchema.Count, 300, seed: 6))
        {
            var expected = engine.Predict(new ChurnInput { Features = probe.Features }).Probability;
            Assert.Equal(expected, forest.Predict(probe.Features), 5);
        }
    }

    [Fact]
    public void The_ranker_forest_scores_as_ML_NETs_prediction_engine()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(RankerFeatures.Count, 3000, seed: 7).Select((r, i) => new RankerInput { Features = r.Features, Label = r.Target > 0.7 ? 1 : 0, Query = (uint)(i / 20) + 1 }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var keyed = ml.Transforms.Conversion.MapValueToKey("QueryKey", nameof(RankerInput.Query)).Fit(data).Transform(data);
        ITransformer model = ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options { NumberOfIterations = 40, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 20, RowGroupColumnName = "QueryKey", NumberOfThreads = 1 })
            .Fit(keyed);
        var forest = RankerForest.From("test", model);
        using var engine = ml.Model.CreatePredictionEngine<RankerInput, RankerOutput>(model);

        Assert.Equal(40, forest.TreeCount);
        foreach (var probe in Rows(RankerFeatures.Count, 300, seed: 8))
        {
            var expected = engine.Predict(new RankerInput { Features = probe.Features, Query = 1 }).Score;
            var direct = forest.Score(probe.Features);
            Assert.True(Math.Abs(direct - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"direct {direct}, ML.NET {expected}");
        }
    }

    /// <summary>Vectors whose target depends on the first few features non-linearly, so trees split on several of them.</summary>
    private static IEnumerable<(float[] Features, double Target)> Rows(int width, int count, int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var x = Enumerable.Range(0, width).Select(_ => (float)(rng.NextDouble() * 10)).ToArray();
            var signal = (x[0] > 5 ? 0.4 : 0) + (x[1] * x[2] / 250) + (x[3] < 2 ? 0.2 : 0);
            yield return (x, Math.Clamp(signal + ((rng.NextDouble() - 0.5) * 0.4), 0, 1));
        }
    }

    private sealed class ChurnInput
    {
        [VectorType(FeatureSchema.Count)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class ChurnOutput
    {
        public float Probability { get; set; }
    }

    private sealed class RankerInput
    {
        [VectorType(RankerFeatures.Count)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }

        public uint Query { get; set; }
    }

    private sealed class RankerOutput
    {
        public float Score { get; set; }
    }
}
