using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Realtime.Scoring.Serving;

/// <summary>
/// An ML.NET regression-tree ensemble (LightGBM or FastTree, any task) flattened into arrays and walked directly:
/// output = bias + Σ weight·leaf, each tree going left while <c>x[feature] ≤ threshold</c> (NaN compares false and goes
/// right, as ML.NET does for LightGBM's missing-value splits). No PredictionEngine, no IDataView, no allocation per call,
/// thread-safe (read-only after construction). The churn model (<see cref="CompiledForest"/>: calibration and
/// contributions on top) and the ranker (<c>RankerForest</c>) both evaluate through it; their loaders check it against
/// ML.NET's own prediction before accepting a model.
/// </summary>
public sealed class FlatForest
{
    private readonly int[] _roots;       // per tree: node index, or ~leaf for a single-leaf tree
    private readonly int[] _feature;     // per node
    private readonly float[] _threshold; // per node
    private readonly int[] _left;        // per node: child node, or ~leaf
    private readonly int[] _right;
    private readonly double[] _leaf;     // per leaf, already multiplied by its tree's weight
    private readonly int[][] _treesByFeature;

    private FlatForest(RegressionTreeEnsemble ensemble, int featureCount)
    {
        Bias = ensemble.Bias;
        int nodes = ensemble.Trees.Sum(t => t.NumberOfNodes), leaves = ensemble.Trees.Sum(t => t.NumberOfLeaves);
        (_roots, _feature, _threshold, _left, _right, _leaf) = (new int[ensemble.Trees.Count], new int[nodes], new float[nodes], new int[nodes], new int[nodes], new double[leaves]);
        var usedBy = Enumerable.Range(0, featureCount).Select(_ => new HashSet<int>()).ToArray();
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
                _feature[nodeBase + n] = feature < featureCount ? feature : throw new NotSupportedException($"split on feature {feature} beyond the schema's {featureCount}");
                _threshold[nodeBase + n] = tree.NumericalSplitThresholds[n];
                _left[nodeBase + n] = Rebase(tree.LeftChild[n], nodeBase, leafBase);
                _right[nodeBase + n] = Rebase(tree.RightChild[n], nodeBase, leafBase);
                usedBy[feature].Add(t);
            }

            for (var l = 0; l < tree.NumberOfLeaves; l++)
            {
                _leaf[leafBase + l] = ensemble.TreeWeights[t] * tree.LeafValues[l];
            }

            nodeBase += tree.NumberOfNodes;
            leafBase += tree.NumberOfLeaves;
        }

        _treesByFeature = usedBy.Select(s => s.Order().ToArray()).ToArray();
        MaxPathLength = Math.Max(1, ensemble.Trees.Select(t => t.NumberOfNodes).DefaultIfEmpty(0).Max()); // a path never visits more nodes than its tree has
        FeatureCount = featureCount;
    }

    /// <summary>Number of input features the ensemble was trained on.</summary>
    public int FeatureCount { get; }

    public int TreeCount => _roots.Length;

    public double Bias { get; }

    /// <summary>An upper bound on the nodes one root-to-leaf path visits (sizes a stack buffer for a path).</summary>
    public int MaxPathLength { get; }

    /// <summary>The predictor of a loaded model: the last transformer of a chain, or the model itself.</summary>
    public static object? PredictorOf(ITransformer model) => model switch
    {
        ISingleFeaturePredictionTransformer<object> single => single.Model,
        TransformerChain<ITransformer> { LastTransformer: ISingleFeaturePredictionTransformer<object> last } => last.Model,
        _ => null,
    };

    /// <summary>Flattens an ensemble whose splits use features [0, <paramref name="featureCount"/>); throws <see cref="NotSupportedException"/> otherwise.</summary>
    public static FlatForest From(TreeEnsembleModelParametersBasedOnRegressionTree trees, int featureCount) => new(trees.TrainedTreeEnsemble, featureCount);

    /// <summary>Bias plus every tree.</summary>
    public double Output(ReadOnlySpan<float> features) => Bias + Trees(features, 0, _roots.Length);

    /// <summary>The sum of trees [<paramref name="from"/>, <paramref name="to"/>) alone (no bias): lets validation score every prefix of the ensemble in one pass.</summary>
    public double Trees(ReadOnlySpan<float> features, int from, int to)
    {
        double sum = 0;
        for (var t = from; t < to; t++)
        {
            sum += _leaf[~WalkFrom(_roots[t], features)];
        }

        return sum;
    }

    /// <summary>How many trees split on each feature: a cheap global importance for reports.</summary>
    public int[] TreesPerFeature() => _treesByFeature.Select(t => t.Length).ToArray();

    /// <summary>The root of tree <paramref name="tree"/>: a node index, or ~leaf for a single-leaf tree.</summary>
    internal int Root(int tree) => _roots[tree];

    internal int FeatureOf(int node) => _feature[node];

    /// <summary>The child <paramref name="x"/> goes to from <paramref name="node"/>: a node index, or ~leaf.</summary>
    internal int Next(int node, ReadOnlySpan<float> x) => x[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];

    /// <summary>Walks from <paramref name="node"/> (a node index, or ~leaf) down to a leaf; returns ~leaf.</summary>
    internal int WalkFrom(int node, ReadOnlySpan<float> x)
    {
        while (node >= 0)
        {
            node = Next(node, x);
        }

        return node;
    }

    /// <summary>The weighted value of a leaf given as ~leaf (what <see cref="WalkFrom"/> returns).</summary>
    internal double LeafValue(int complementedLeaf) => _leaf[~complementedLeaf];

    private static int Rebase(int child, int nodeBase, int leafBase) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
}
