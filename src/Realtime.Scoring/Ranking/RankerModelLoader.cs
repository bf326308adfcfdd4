using System.Text.Json;
using Microsoft.ML;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Scoring.Registry;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// Loads a ranker version folder and refuses anything that could rank wrongly: a missing or unparsable file, a
/// feature schema other than this build's <see cref="RankerFeatures"/>, a model.zip that is not a tree-ensemble
/// ranker, or probe scores that are not finite or differ from ML.NET's own prediction. Every failure surfaces as
/// <see cref="ModelRejectedException"/> (the serving poll and <c>ranker promote</c> never see anything else).
/// </summary>
public static class RankerModelLoader
{
    public const string ModelFile = "model.zip";
    public const string ManifestFile = "ranker.json";
    private const double Tolerance = 1e-4;

    /// <summary>Loads and validates; throws <see cref="ModelRejectedException"/> with the reason, and nothing else.</summary>
    public static LoadedRankerModel Load(string folder)
    {
        var version = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        try
        {
            return LoadChecked(folder, version);
        }
        catch (ModelRejectedException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ModelRejectedException(version, $"does not load ({ex.GetType().Name}: {ex.Message})", ex);
        }
    }

    /// <summary>Writes a trained ranker's files into <paramref name="folder"/> (a registry staging folder).</summary>
    public static void Write(string folder, TrainedRanker ranker, RankerManifest manifest)
    {
        RankerTrainer.Save(ranker.Ml, ranker.Model, Path.Combine(folder, ModelFile));
        File.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, RankerJsonContext.Default.RankerManifest));
    }

    /// <summary>Reads <c>ranker.json</c> (throws on a missing or malformed file).</summary>
    public static RankerManifest ReadManifest(string folder) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, ManifestFile)), RankerJsonContext.Default.RankerManifest)
        ?? throw new JsonException("ranker.json is empty");

    private static LoadedRankerModel LoadChecked(string folder, string version)
    {
        foreach (var file in new[] { ModelFile, ManifestFile })
        {
            if (!File.Exists(Path.Combine(folder, file)))
            {
                throw new ModelRejectedException(version, $"{file} is missing");
            }
        }

        RankerManifest manifest;
        try
        {
            manifest = ReadManifest(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ModelRejectedException(version, "ranker.json does not parse: " + ex.Message, ex);
        }

        if (manifest.SchemaVersion != RankerFeatures.Version || manifest.FeatureNames is null || !manifest.FeatureNames.SequenceEqual(RankerFeatures.Names))
        {
            throw new ModelRejectedException(version, $"trained on ranker feature schema v{manifest.SchemaVersion}, this build computes v{RankerFeatures.Version}");
        }

        var ml = new MLContext(seed: 0);
        ITransformer model;
        RankerForest forest;
        try
        {
            model = ml.Model.Load(Path.Combine(folder, ModelFile), out _);
            forest = RankerForest.From(version, model);
        }
        catch (Exception ex)
        {
            throw new ModelRejectedException(version, "model.zip does not load as a ranker: " + ex.Message, ex);
        }

        Probe(version, ml, model, forest);
        return new LoadedRankerModel(version, forest, manifest);
    }

    /// <summary>Scores probe vectors directly and through ML.NET; both must agree and be finite.</summary>
    private static void Probe(string version, MLContext ml, ITransformer model, RankerForest forest)
    {
        using var engine = ml.Model.CreatePredictionEngine<RankerRow, RankerPrediction>(model);
        foreach (var probe in Probes())
        {
            var direct = forest.Score(probe);
            var expected = engine.Predict(new RankerRow { Features = probe }).Score;
            if (!double.IsFinite(direct))
            {
                throw new ModelRejectedException(version, $"probe scored {direct}, not a finite number");
            }

            if (Math.Abs(direct - expected) > Tolerance * Math.Max(1, Math.Abs(expected)))
            {
                throw new ModelRejectedException(version, $"direct evaluation {direct} differs from ML.NET's {expected}");
            }
        }
    }

    private static IEnumerable<float[]> Probes()
    {
        yield return new float[RankerFeatures.Count];
        yield return Enumerable.Range(0, RankerFeatures.Count).Select(RankerFeatures.AbsentValue).ToArray();
        var rng = new Random(7);
        for (var i = 0; i < 16; i++)
        {
            // Values spread over the features' usual ranges (counts, days, 0–1 signals): both sides of most splits.
            yield return Enumerable.Range(0, RankerFeatures.Count).Select(_ => (float)(rng.NextDouble() < 0.2 ? RankerFeatures.Undefined : Math.Pow(10, (rng.NextDouble() * 4) - 2))).ToArray();
        }
    }
}
