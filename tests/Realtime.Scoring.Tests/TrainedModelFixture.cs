using Realtime.Scoring.History;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Tests;

/// <summary>Trains one small model on a generated history, shared by the tests that need a real version folder.</summary>
public sealed class TrainedModelFixture : IDisposable
{
    public TrainedModelFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "rt-churn-fixture-" + Guid.NewGuid().ToString("N"));
        var events = SyntheticHistory.Generate(customers: 2500, days: 730, seed: 42);
        Result = ChurnTraining.Train(
            new EnumerableEventSource(events, "synthetic"),
            new ChurnTrainingOptions { ModelsRoot = Root, NumberOfTrees = 80, MinimumExamplesPerLeaf = 30, MaxCutoffs = 4 });
    }

    public string Root { get; }

    public TrainingResult Result { get; }

    /// <summary>Copies the trained version into <paramref name="registryRoot"/> under <paramref name="version"/>.</summary>
    public string CopyTo(string registryRoot, string version)
    {
        var target = Path.Combine(registryRoot, version);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Result.Folder))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
