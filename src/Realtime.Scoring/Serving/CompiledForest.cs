using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Realtime.Scoring.Serving;

/// <summary>
/// A trained tree ensemble (LightGBM or FastTree, Platt-calibrated) flattened into arrays and evaluated directly:
/// no PredictionEngine, no IDataView, no allocation per score, thread-safe (read-only after construction).
/// It reproduces ML.NET's own prediction (the loader checks that on probe vectors before accepting a model):
/// margin = bias + Σ weight·leaf, where each tree goes left while <c>x[feature] ≤ threshold</c>;
/// probability = 1 / (1 + exp(slope · margin + offset)).
/// </summary>
public sealed class CompiledForest
{
    private readonly int[] _roots;       // per tree: node index, or ~leaf for a single-leaf tree
    private readonly int[] _feature;     // per node
    private readonly float[] _threshold; // per node
    private readonly int[] _left;        // per node: child node, or ~leaf
    private readonly int[] _right;
    private readonly double[] _leaf;     // per leaf, already multiplied by its tree's weight
    private readonly int[][] _treesByFeature;
    private readonly int _maxDepth;
    private readonly double _bias;
    private readonly double _slope;
    private readonly double _offset;

    private CompiledForest(RegressionTreeEnsemble ensemble, PlattCalibrator calibrator, int featureCount)
    {
        _bias = ensemble.Bias;
        _slope = calibrator.Slope;
        _offset = calibrator.Offset;
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
        _maxDepth = Math.Max(1, ensemble.Trees.Select(t => t.NumberOfNodes).DefaultIfEmpty(0).Max()); // a path never visits more nodes than its tree has
        FeatureCount = featureCount;
    }

    /// <summary>Number of input features the ensemble was trained on.</summary>
    public int FeatureCount { get; }

    public int TreeCount => _roots.Length;

    /// <summary>Extracts the ensemble and calibrator of a loaded binary-classification model; throws <see cref="NotSupportedException"/> for other shapes.</summary>
    public static CompiledForest From(ITransformer model, int featureCount)
    {
        var predictor = model switch
        {
            ISingleFeaturePredictionTransformer<object> single => single.Model,
            TransformerChain<ITransformer> { LastTransformer: ISingleFeaturePredictionTransformer<object> last } => last.Model,
            _ => null,
        };
        if (predictor is not CalibratedModelParametersBase { SubModel: TreeEnsembleModelParametersBasedOnRegressionTree trees, Calibrator: PlattCalibrator platt })
        {
            throw new NotSupportedException($"expected a Platt-calibrated tree ensemble, found {predictor?.GetType().Name ?? model.GetType().Name}");
        }

        return new CompiledForest(trees.TrainedTreeEnsemble, platt, featureCount);
    }

    /// <summary>The calibrated churn probability of a feature vector.</summary>
    public float Predict(ReadOnlySpan<float> features) => Probability(Margin(features));

    /// <summary>The uncalibrated ensemble output (log-odds-like).</summary>
    public double Margin(ReadOnlySpan<float> features)
    {
        var margin = _bias;
        for (var t = 0; t < _roots.Length; t++)
        {
            margin += _leaf[LeafOf(t, features)];
        }

        return margin;
    }

    /// <summary>
    /// Occlusion contributions: for each feature, the score minus the score with that feature set to its reference value
    /// (the training median), so a positive value means "this feature raises the risk compared with a typical customer".
    /// Changing one feature can only change a tree's leaf if the feature is on the vector's path through that tree, and
    /// the walk up to the feature's first node on the path is unchanged; so each tree is walked once, plus one partial
    /// re-walk per distinct feature on its path. That keeps a full explanation to a few microseconds.
    /// </summary>
    public void Contributions(ReadOnlySpan<float> features, ReadOnlySpan<float> reference, Span<float> contributions)
    {
        Span<float> probe = stackalloc float[FeatureCount];
        Span<double> delta = stackalloc double[FeatureCount];
        Span<int> path = stackalloc int[_maxDepth];
        features[..FeatureCount].CopyTo(probe);
        delta.Clear();
        var margin = _bias;
        for (var t = 0; t < _roots.Length; t++)
        {
            var node = _roots[t];
            var length = 0;
            while (node >= 0)
            {
                path[length++] = node;
                node = features[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
            }

            var leaf = _leaf[~node];
            margin += leaf;
            for (var i = 0; i < length; i++)
            {
                var f = _feature[path[i]];
                if (probe[f] == reference[f] || FirstOccurrence(path, i, f) != i)
                {
                    continue;
                }

                probe[f] = reference[f];
                var changed = path[i];
                while (changed >= 0)
                {
                    changed = probe[_feature[changed]] <= _threshold[changed] ? _left[changed] : _right[changed];
                }

                probe[f] = features[f];
                delta[f] += _leaf[~changed] - leaf;
            }
        }

        var score = Probability(margin);
        for (var f = 0; f < FeatureCount; f++)
        {
            contributions[f] = delta[f] == 0 ? 0 : score - Probability(margin + delta[f]);
        }
    }

    /// <summary>How many trees split on each feature: a cheap global importance for reports.</summary>
    public int[] TreesPerFeature() => _treesByFeature.Select(t => t.Length).ToArray();

    private int LeafOf(int tree, ReadOnlySpan<float> x)
    {
        var node = _roots[tree];
        while (node >= 0)
        {
            node = x[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
        }

        return ~node;
    }

    private int FirstOccurrence(ReadOnlySpan<int> path, int upTo, int feature)
    {
        for (var j = 0; j < upTo; j++)
        {
            if (_feature[path[j]] == feature)
            {
                return j;
            }
        }

        return upTo;
    }

    private float Probability(double margin) => (float)(1 / (1 + Math.Exp((_slope * margin) + _offset)));

    private static int Rebase(int child, int nodeBase, int leafBase) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
}
