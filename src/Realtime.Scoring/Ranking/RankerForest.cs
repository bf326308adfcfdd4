using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// A LightGBM LambdaRank ensemble evaluated directly through the shared <see cref="FlatForest"/> (score = bias + Σ
/// weight·leaf, NaN going right as ML.NET does): no PredictionEngine, no allocation, thread-safe. The loader checks it
/// against ML.NET's own prediction before a model is accepted.
/// </summary>
public sealed class RankerForest : IRankerModel
{
    private readonly FlatForest _trees;

    private RankerForest(string version, FlatForest trees) => (Version, _trees) = (version, trees);

    public string Version { get; }

    public int TreeCount => _trees.TreeCount;

    /// <summary>Extracts the ensemble of a loaded ranking model; throws <see cref="NotSupportedException"/> for other shapes.</summary>
    public static RankerForest From(string version, ITransformer model) =>
        FlatForest.PredictorOf(model) is TreeEnsembleModelParametersBasedOnRegressionTree trees
            ? new RankerForest(version, FlatForest.From(trees, RankerFeatures.Count))
            : throw new NotSupportedException($"expected a tree ensemble ranker, found {FlatForest.PredictorOf(model)?.GetType().Name ?? model.GetType().Name}");

    public double Score(ReadOnlySpan<float> features) => _trees.Output(features);

    /// <summary>The sum of trees [<paramref name="from"/>, <paramref name="to"/>) alone (no bias): lets validation score every prefix of the ensemble in one pass.</summary>
    public double Trees(ReadOnlySpan<float> features, int from, int to) => _trees.Trees(features, from, to);
}
