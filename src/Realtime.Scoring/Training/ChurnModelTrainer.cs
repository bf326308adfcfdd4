using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Realtime.Core.Churn;

namespace Realtime.Scoring.Training;

/// <summary>Fits one ML.NET binary classifier on churn examples. The pipeline is the trainer alone: features are already numeric.</summary>
internal static class ChurnModelTrainer
{
    public static ITransformer Fit(MLContext ml, ChurnTrainerKind kind, IReadOnlyList<ChurnExample> examples, ChurnTrainingOptions o)
    {
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new ChurnRow { Features = e.Features, Label = e.Churned }));
        IEstimator<ITransformer> trainer = kind switch
        {
            ChurnTrainerKind.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = o.NumberOfTrees,
                NumberOfLeaves = o.NumberOfLeaves,
                LearningRate = o.LearningRate,
                MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
                Seed = o.Seed,
                // One thread per trainer: the machines this runs on are small and shared.
                NumberOfThreads = 1,
            }),
            ChurnTrainerKind.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = o.NumberOfTrees,
                NumberOfLeaves = o.NumberOfLeaves,
                LearningRate = o.LearningRate,
                MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
                Seed = o.Seed,
                NumberOfThreads = 1,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return trainer.Fit(data);
    }

    /// <summary>The parameters recorded in <c>metadata.json</c>.</summary>
    public static Dictionary<string, string> Parameters(ChurnTrainingOptions o) => new(StringComparer.Ordinal)
    {
        ["number_of_trees"] = o.NumberOfTrees.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["number_of_leaves"] = o.NumberOfLeaves.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["learning_rate"] = o.LearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["minimum_examples_per_leaf"] = o.MinimumExamplesPerLeaf.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["seed"] = o.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Saves the model with the input schema of <see cref="ChurnRow"/>.</summary>
    public static void Save(MLContext ml, ITransformer model, string path)
    {
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<ChurnRow>()).Schema;
        ml.Model.Save(model, schema, path);
    }
}
