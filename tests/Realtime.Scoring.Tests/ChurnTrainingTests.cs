using Realtime.Core.Churn;
using Realtime.Scoring.Registry;

namespace Realtime.Scoring.Tests;

[Collection(TrainedModelCollection.Name)]
public sealed class ChurnTrainingTests(TrainedModelFixture fixture)
{
    [Fact]
    public void A_model_trained_on_a_generated_history_finds_the_churners_in_a_later_holdout()
    {
        var report = fixture.Result.Report;

        Assert.Equal("Time", fixture.Result.Metadata.Split);
        Assert.True(report.Model.RocAuc > 0.75, $"holdout ROC AUC {report.Model.RocAuc}");
        Assert.True(report.Model.RocAuc > report.Baselines["recency"].RocAuc, "the model beats recency alone");
        Assert.InRange(report.Model.Brier, 0, 0.25);
    }

    [Fact]
    public void The_version_folder_holds_model_features_metadata_and_reports()
    {
        foreach (var file in new[] { ModelFiles.Model, ModelFiles.Features, ModelFiles.Metadata, ModelFiles.Report, ModelFiles.ReportMarkdown })
        {
            Assert.True(File.Exists(Path.Combine(fixture.Result.Folder, file)), file);
        }

        var features = ModelFiles.ReadFeatures(fixture.Result.Folder);
        Assert.Equal(FeatureSchema.Version, features.SchemaVersion);
        Assert.Equal(FeatureSchema.Names, features.Names);
        var metadata = ModelFiles.ReadMetadata(fixture.Result.Folder);
        Assert.Equal(90, metadata.HorizonDays);
        Assert.Equal(2, metadata.Candidates.Count);
        Assert.Contains("Calibration", File.ReadAllText(Path.Combine(fixture.Result.Folder, ModelFiles.ReportMarkdown)));
    }

    [Fact]
    public void The_direct_evaluator_reproduces_the_saved_model()
    {
        // The loader cross-checks the direct evaluator against ML.NET's PredictionEngine on probe vectors.
        var model = ChurnModelLoader.Load(fixture.Result.Folder);

        Assert.Equal(fixture.Result.Version, model.Version);
        Assert.True(model.Forest.TreeCount > 0);
    }
}
