using System.Text.Json;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Registry;

/// <summary>The file names of a version folder and typed access to its JSON documents.</summary>
public static class ModelFiles
{
    public const string Model = "model.zip";
    public const string Features = "features.json";
    public const string Metadata = "metadata.json";
    public const string Report = "report.json";
    public const string ReportMarkdown = "report.md";

    /// <summary>Optional: who the model was trained on (<see cref="TrainingCustomers"/>).</summary>
    public const string TrainingCustomers = "training-customers.bin";

    /// <summary>Files a version must have to be loaded.</summary>
    public static IReadOnlyList<string> Required { get; } = [Model, Features, Metadata];

    public static FeaturesFile ReadFeatures(string folder) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, Features)), ScoringJsonContext.Default.FeaturesFile)
        ?? throw new JsonException("features.json is empty");

    public static ModelMetadata ReadMetadata(string folder) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, Metadata)), ScoringJsonContext.Default.ModelMetadata)
        ?? throw new JsonException("metadata.json is empty");

    public static ModelReport ReadReport(string folder) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, Report)), ScoringJsonContext.Default.ModelReport)
        ?? throw new JsonException("report.json is empty");

    internal static void Write(string folder, FeaturesFile features, ModelMetadata metadata, ModelReport report)
    {
        File.WriteAllText(Path.Combine(folder, Features), JsonSerializer.Serialize(features, ScoringJsonContext.Default.FeaturesFile));
        File.WriteAllText(Path.Combine(folder, Metadata), JsonSerializer.Serialize(metadata, ScoringJsonContext.Default.ModelMetadata));
        File.WriteAllText(Path.Combine(folder, Report), JsonSerializer.Serialize(report, ScoringJsonContext.Default.ModelReport));
        File.WriteAllText(Path.Combine(folder, ReportMarkdown), ReportRenderer.Markdown(report));
    }
}
