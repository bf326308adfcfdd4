using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// A LightGBM LambdaRank ensemble flattened into arrays and evaluated directly (score = bias + Σ weight·leaf, a tree
/// going left while <c>x[feature] ≤ threshold</c>, NaN going right as ML.NET does): no PredictionEngine, no allocation,
/// thread-safe. The loader checks it against ML.NET's own prediction before a model is accepted.
/// </summary>
public sealed class RankerForest : IRankerModel
{
    private readonly int[] _roots;       // per tree: node index, or ~leaf for a single-leaf tree
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _left;        // child node, or ~leaf
    private readonly int[] _right;
    private readonly double[] _leaf;     // already multiplied by the tree's weight
    private readonly double _bias;

    private RankerForest(string version, RegressionTreeEnsemble ensemble)
    {
        Version = version;
        _bias = ensemble.Bias;
        int nodes = ensemble.Trees.Sum(t => t.NumberOfNodes), leaves = ensemble.Trees.Sum(t => t.NumberOfLeaves);
        (_roots, _feature, _threshold, _left, _right, _leaf) = (new int[ensemble.Trees.Count], new int[nodes], new float[nodes], new int[nodes], new int[nodes], new double[leaves]);
        int nodeBase = 0, leafBase = 0;
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(c => c))
            {
                throw new NotSupportedException("categorical splits are not supported by the direct evaluator");
            }

            _roots[t] = tree.NumberOfNodes == 0 ? ~leafBase : nodeBase;
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                var feature = tree.NumericalSplitFeatureIndexes[n];
                _feature[nodeBase + n] = feature < RankerFeatures.Count ? feature : throw new NotSupportedException($"split on feature {feature} beyond the schema's {RankerFeatures.Count}");
                _threshold[nodeBase + n] = tree.NumericalSplitThresholds[n];
                _left[nodeBase + n] = Rebase(tree.LeftChild[n], nodeBase, leafBase);
                _right[nodeBase + n] = Rebase(tree.RightChild[n], nodeBase, leafBase);
            }

            for (var l = 0; l < tree.NumberOfLeaves; l++)
            {
                _leaf[leafBase + l] = ensemble.TreeWeights[t] * tree.LeafValues[l];
            }

            nodeBase += tree.NumberOfNodes;
            leafBase += tree.NumberOfLeaves;
        }
    }

    public string Version { get; }

    public int TreeCount => _roots.Length;

    /// <summary>Extracts the ensemble of a loaded ranking model; throws <see cref="NotSupportedException"/> for other shapes.</summary>
    public static RankerForest From(string version, ITransformer model)
    {
        var predictor = model switch
        {
            ISingleFeaturePredictionTransformer<object> single => single.Model,
            TransformerChain<ITransformer> { LastTransformer: ISingleFeaturePredictionTransformer<object> last } => last.Model,
            _ => null,
        };
        return predictor is TreeEnsembleModelParametersBasedOnRegressionTree trees
            ? new RankerForest(version, trees.TrainedTreeEnsemble)
            : throw new NotSupportedException($"expected a tree ensemble ranker, found {predictor?.GetType().Name ?? model.GetType().Name}");
    }

    public double Score(ReadOnlySpan<float> features) => _bias + Trees(features, 0, _roots.Length);

    /// <summary>The sum of trees [<paramref name="from"/>, <paramref name="to"/>) alone (no bias): lets validation score every prefix of the ensemble in one pass.</summary>
    public double Trees(ReadOnlySpan<float> features, int from, int to)
    {
        double score = 0;
        for (var t = from; t < to; t++)
        {
            var node = _roots[t];
            while (node >= 0)
            {
                // NaN compares false: it goes right, as in ML.NET's evaluation of LightGBM's missing-value splits.
                node = features[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
            }

            score += _leaf[~node];
        }

        return score;
    }

    private static int Rebase(int child, int nodeBase, int leafBase) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
}
