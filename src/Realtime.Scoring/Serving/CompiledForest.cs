using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace Realtime.Scoring.Serving;

/// <summary>
/// A trained churn ensemble (LightGBM or FastTree, Platt-calibrated by ML.NET): the <see cref="FlatForest"/> walk plus
/// ML.NET's calibrator and occlusion contributions. It reproduces ML.NET's own prediction (the loader checks that on
/// probe vectors before accepting a model): probability = 1 / (1 + exp(slope · margin + offset)), margin = the
/// forest's output. Zero allocations per call, thread-safe.
/// </summary>
public sealed class CompiledForest
{
    private readonly FlatForest _trees;
    private readonly double _slope;
    private readonly double _offset;

    private CompiledForest(FlatForest trees, PlattCalibrator calibrator)
    {
        _trees = trees;
        _slope = calibrator.Slope;
        _offset = calibrator.Offset;
    }

    /// <summary>Number of input features the ensemble was trained on.</summary>
    public int FeatureCount => _trees.FeatureCount;

    public int TreeCount => _trees.TreeCount;

    /// <summary>Extracts the ensemble and calibrator of a loaded binary-classification model; throws <see cref="NotSupportedException"/> for other shapes.</summary>
    public static CompiledForest From(ITransformer model, int featureCount)
    {
        var predictor = FlatForest.PredictorOf(model);
        if (predictor is not CalibratedModelParametersBase { SubModel: TreeEnsembleModelParametersBasedOnRegressionTree trees, Calibrator: PlattCalibrator platt })
        {
            throw new NotSupportedException($"expected a Platt-calibrated tree ensemble, found {predictor?.GetType().Name ?? model.GetType().Name}");
        }

        return new CompiledForest(FlatForest.From(trees, featureCount), platt);
    }

    /// <summary>The calibrated churn probability of a feature vector.</summary>
    public float Predict(ReadOnlySpan<float> features) => Probability(Margin(features));

    /// <summary>The uncalibrated ensemble output (log-odds-like).</summary>
    public double Margin(ReadOnlySpan<float> features) => _trees.Output(features);

    /// <summary>The sum of trees [<paramref name="from"/>, <paramref name="to"/>) alone: lets training rank every prefix of the ensemble in one pass.</summary>
    public double PartialMargin(ReadOnlySpan<float> features, int from, int to) => _trees.Trees(features, from, to);

    /// <summary>The probability ML.NET's calibrator gives a sum of trees (<see cref="PartialMargin"/>s) plus the bias.</summary>
    public float PredictFromTrees(double treeSum) => Probability(_trees.Bias + treeSum);

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
        Span<int> path = stackalloc int[_trees.MaxPathLength];
        features[..FeatureCount].CopyTo(probe);
        delta.Clear();
        var margin = _trees.Bias;
        for (var t = 0; t < _trees.TreeCount; t++)
        {
            var node = _trees.Root(t);
            var length = 0;
            while (node >= 0)
            {
                path[length++] = node;
                node = _trees.Next(node, features);
            }

            var leaf = _trees.LeafValue(node);
            margin += leaf;
            for (var i = 0; i < length; i++)
            {
                var f = _trees.FeatureOf(path[i]);
                if (probe[f] == reference[f] || FirstOccurrence(path, i, f) != i)
                {
                    continue;
                }

                probe[f] = reference[f];
                var changed = _trees.WalkFrom(path[i], probe);
                probe[f] = features[f];
                delta[f] += _trees.LeafValue(changed) - leaf;
            }
        }

        var score = Probability(margin);
        for (var f = 0; f < FeatureCount; f++)
        {
            contributions[f] = delta[f] == 0 ? 0 : score - Probability(margin + delta[f]);
        }
    }

    /// <summary>How many trees split on each feature: a cheap global importance for reports.</summary>
    public int[] TreesPerFeature() => _trees.TreesPerFeature();

    private int FirstOccurrence(ReadOnlySpan<int> path, int upTo, int feature)
    {
        for (var j = 0; j < upTo; j++)
        {
            if (_trees.FeatureOf(path[j]) == feature)
            {
                return j;
            }
        }

        return upTo;
    }

    private float Probability(double margin) => (float)(1 / (1 + Math.Exp((_slope * margin) + _offset)));
}
