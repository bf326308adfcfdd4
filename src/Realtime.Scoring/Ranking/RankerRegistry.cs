using Realtime.Scoring.Registry;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// The ranker's versions: the same registry layout as the churn model (<see cref="ModelRegistry"/>: immutable version
/// folders published by rename, a <c>current</c> pointer and a <c>history</c> rollback stack, both replaced
/// atomically) in its own folder, <c>&lt;models&gt;/ranker</c>, so the two kinds never point at each other's files.
/// Promote and rollback validate with <see cref="RankerModelLoader"/> first: a bad version is refused there.
/// </summary>
public sealed class RankerRegistry(string modelsRoot)
{
    /// <summary>The ranker's folder inside a models root.</summary>
    public const string KindFolder = "ranker";

    private readonly ModelRegistry _registry = new(Path.Combine(modelsRoot, KindFolder));

    public string Root => _registry.Root;

    public string? CurrentVersion() => _registry.CurrentVersion();

    public IReadOnlyList<string> History() => _registry.History();

    /// <summary>Version folders, newest first, with their manifest (null when unreadable).</summary>
    public IReadOnlyList<(string Version, RankerManifest? Manifest, bool IsCurrent)> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var current = CurrentVersion();
        return Directory.EnumerateDirectories(Root)
            .Select(d => Path.GetFileName(d)!)
            .Where(ModelRegistry.IsVersionName)
            .OrderByDescending(v => v, StringComparer.Ordinal)
            .Select(v => (v, TryManifest(v), v == current))
            .ToList();
    }

    /// <summary>Writes a trained ranker as a new, unpromoted version; returns its name.</summary>
    public string Register(TrainedRanker ranker, RankerManifest manifest)
    {
        Directory.CreateDirectory(Root);
        var version = ModelRegistry.NewVersionName(manifest.CreatedAt);
        var staging = _registry.CreateStaging();
        RankerModelLoader.Write(staging, ranker, manifest);
        _registry.Publish(staging, version);
        return version;
    }

    /// <summary>Loads <paramref name="version"/> as the API will; throws <see cref="ModelRejectedException"/> only.</summary>
    public LoadedRankerModel Load(string version) =>
        ModelRegistry.IsVersionName(version)
            ? RankerModelLoader.Load(_registry.PathOf(version))
            : throw new ModelRejectedException(version, "not a version name (v + letters, digits, '-')");

    /// <summary>Validates <paramref name="version"/> and makes it current; running APIs swap at their next poll.</summary>
    public void Promote(string version)
    {
        Load(version);
        _registry.Promote(version, validate: false);
    }

    /// <summary>Undoes the last promotion after validating the version it lands on; returns it (null: the blend serves).</summary>
    public string? Rollback()
    {
        var history = History();
        if (history.Count >= 2)
        {
            Load(history[^2]);
        }

        return _registry.Rollback(validate: false);
    }

    private RankerManifest? TryManifest(string version)
    {
        try
        {
            return RankerModelLoader.ReadManifest(_registry.PathOf(version));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // listed as unreadable; loading it is what refuses it
        }
    }
}
