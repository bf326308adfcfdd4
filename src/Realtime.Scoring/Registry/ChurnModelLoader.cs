using Microsoft.ML;
using Realtime.Core.Churn;
using Realtime.Scoring.Serving;
using Realtime.Scoring.Training;

namespace Realtime.Scoring.Registry;

/// <summary>
/// Loads a version folder and refuses anything that could score wrongly: missing files, a feature schema other than the
/// running <see cref="FeatureSchema"/>, a model.zip that does not load or is not a calibrated tree ensemble, or probe
/// scores that are not finite probabilities or that differ from ML.NET's own prediction. Whatever goes wrong while
/// loading (a JSON <c>null</c> where a list belongs, a truncated zip, an unexpected exception from ML.NET) surfaces as
/// <see cref="ModelRejectedException"/>: callers (the scorer's poll, <c>models promote</c>) never see anything else.
/// </summary>
public static class ChurnModelLoader
{
    private const float Tolerance = 1e-4f;

    /// <summary>Loads and validates; throws <see cref="ModelRejectedException"/> with the reason, and nothing else.</summary>
    public static LoadedChurnModel Load(string folder)
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
            // A check this loader does not make yet: still a refusal with the reason, never a crash of the caller.
            throw new ModelRejectedException(version, $"does not load ({ex.GetType().Name}: {ex.Message})", ex);
        }
    }

    private static LoadedChurnModel LoadChecked(string folder, string version)
    {
        if (!Directory.Exists(folder))
        {
            throw new ModelRejectedException(version, "the version folder does not exist");
        }

        if (ModelFiles.Required.FirstOrDefault(f => !File.Exists(Path.Combine(folder, f))) is { } missing)
        {
            throw new ModelRejectedException(version, $"{missing} is missing");
        }

        FeaturesFile features;
        ModelMetadata metadata;
        try
        {
            features = ModelFiles.ReadFeatures(folder);
            metadata = ModelFiles.ReadMetadata(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new ModelRejectedException(version, "features.json or metadata.json does not parse: " + ex.Message, ex);
        }

        // JSON null passes the deserializer for non-nullable members: check them here rather than crash on them later.
        if (features.Names is null || features.Reference is null)
        {
            throw new ModelRejectedException(version, $"features.json has no {(features.Names is null ? "names" : "reference")} list");
        }

        if (features.Reference.Any(r => !float.IsFinite(r)))
        {
            throw new ModelRejectedException(version, "features.json has a reference value that is not a finite number");
        }

        if (features.SchemaVersion != FeatureSchema.Version || !features.Names.SequenceEqual(FeatureSchema.Names))
        {
            throw new ModelRejectedException(version, $"trained on feature schema v{features.SchemaVersion}, this build computes v{FeatureSchema.Version}");
        }

        if (features.Reference.Count != FeatureSchema.Count)
        {
            throw new ModelRejectedException(version, "features.json has no reference value per feature");
        }

        var ml = new MLContext(seed: 0);
        ITransformer model;
        CompiledForest forest;
        try
        {
            model = ml.Model.Load(Path.Combine(folder, ModelFiles.Model), out _);
            forest = CompiledForest.From(model, FeatureSchema.Count);
        }
        catch (Exception ex)
        {
            // Any failure here (a truncated zip, a foreign model type) must refuse the model, never crash the caller.
            throw new ModelRejectedException(version, "model.zip does not load as a churn model: " + ex.Message, ex);
        }

        var reference = features.Reference.ToArray();
        Probe(version, ml, model, forest, reference);
        return new LoadedChurnModel(version, forest, reference, metadata);
    }

    /// <summary>Scores probe vectors both directly and through ML.NET; both must agree and be probabilities.</summary>
    private static void Probe(string version, MLContext ml, ITransformer model, CompiledForest forest, float[] reference)
    {
        using var engine = ml.Model.CreatePredictionEngine<ChurnRow, ChurnPrediction>(model);
        foreach (var probe in Probes(reference))
        {
            var direct = forest.Predict(probe);
            var expected = engine.Predict(new ChurnRow { Features = probe }).Probability;
            if (!float.IsFinite(direct) || direct is < 0 or > 1)
            {
                throw new ModelRejectedException(version, $"probe scored {direct}, not a probability");
            }

            if (Math.Abs(direct - expected) > Tolerance)
            {
                throw new ModelRejectedException(version, $"direct evaluation {direct} differs from ML.NET's {expected}");
            }
        }
    }

    private static IEnumerable<float[]> Probes(float[] reference)
    {
        yield return (float[])reference.Clone();
        yield return new float[FeatureSchema.Count];
        yield return Enumerable.Repeat(FeatureSchema.Missing, FeatureSchema.Count).ToArray();
        var rng = new Random(7);
        for (var i = 0; i < 8; i++)
        {
            // Reference values scaled up and down: exercises splits on both sides without real customer data.
            yield return reference.Select(r => r * (float)(rng.NextDouble() * 3)).ToArray();
        }
    }
}
