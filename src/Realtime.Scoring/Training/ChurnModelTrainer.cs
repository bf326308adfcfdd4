using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Realtime.Scoring.Training;

/// <summary>Fits one ML.NET binary classifier on churn examples. The pipeline is the trainer alone: features are already numeric.</summary>
internal static class ChurnModelTrainer
{
    /// <summary>Fits <paramref name="kind"/> with <paramref name="trees"/> trees on feature vectors and labels (true = churned).</summary>
    public static ITransformer Fit(MLContext ml, ChurnTrainerKind kind, IReadOnlyList<float[]> features, IReadOnlyList<bool> churned, ChurnTrainingOptions o, int trees)
    {
        var data = ml.Data.LoadFromEnumerable(features.Select((f, i) => new ChurnRow { Features = f, Label = churned[i] }));
        IEstimator<ITransformer> trainer = kind switch
        {
            ChurnTrainerKind.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = trees,
                NumberOfLeaves = o.NumberOfLeaves,
                LearningRate = o.LearningRate,
                MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
                Seed = o.Seed,
                // One thread per trainer: the machines this runs on are small and shared.
                NumberOfThreads = 1,
            }),
            ChurnTrainerKind.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = trees,
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
    public static Dictionary<string, string> Parameters(ChurnTrainingOptions o, int trees) => new(StringComparer.Ordinal)
    {
        ["number_of_trees"] = trees.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["most_trees_tried"] = o.NumberOfTrees.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
