using System.Text.RegularExpressions;
using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Registry;

/// <summary>
/// Model versions in a shared folder: one subfolder per version (<c>v20261123-1530-ab12</c>), a <c>current</c> file
/// naming the promoted version, and a <c>history</c> file listing promotions oldest first (the rollback stack).
/// Both files are replaced atomically, so API instances polling <c>current</c> never read half a name.
/// Versions are immutable once published: training writes a staging folder and renames it into place.
/// </summary>
public sealed partial class ModelRegistry(string root)
{
    public const string CurrentFile = "current";
    public const string HistoryFile = "history";

    /// <summary>The registry folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>A new version name from the creation time plus 4 random hex digits, so two runs in one minute differ.</summary>
    public static string NewVersionName(DateTimeOffset now) => $"v{now.UtcDateTime:yyyyMMdd-HHmm}-{Random.Shared.Next(0x10000):x4}";

    /// <summary>True for names a version folder may have (no path tricks).</summary>
    public static bool IsVersionName(string? version) => version is not null && VersionPattern().IsMatch(version);

    /// <summary>The folder of <paramref name="version"/>; throws for a malformed name.</summary>
    public string PathOf(string version) =>
        IsVersionName(version) ? Path.Combine(Root, version) : throw new ArgumentException($"'{version}' is not a version name (v + letters, digits, '-')", nameof(version));

    /// <summary>The promoted version, or null when none is (the scorer then answers with the baseline).</summary>
    public string? CurrentVersion()
    {
        var path = Path.Combine(Root, CurrentFile);
        var name = File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty;
        return name.Length == 0 ? null : name;
    }

    /// <summary>Promotions, oldest first.</summary>
    public IReadOnlyList<string> History()
    {
        var path = Path.Combine(Root, HistoryFile);
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToList() : [];
    }

    /// <summary>All versions, newest first.</summary>
    public IReadOnlyList<ModelVersionInfo> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var current = CurrentVersion();
        return Directory.EnumerateDirectories(Root)
            .Select(Path.GetFileName)
            .Where(IsVersionName)
            .Select(v => Describe(v!, v == current))
            .OrderByDescending(v => v.Version, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Makes <paramref name="version"/> current. With <paramref name="validate"/> (the default) the version is first loaded
    /// and probed exactly as the scorer will, and a bad one is refused here with <see cref="ModelRejectedException"/>.
    /// Running scorers pick the change up at their next poll.
    /// </summary>
    public void Promote(string version, bool validate = true)
    {
        var folder = PathOf(version);
        if (!Directory.Exists(folder))
        {
            throw new ModelRejectedException(version, "no such version folder");
        }

        if (validate)
        {
            ChurnModelLoader.Load(folder);
        }

        var history = History().ToList();
        if (history.Count == 0 || history[^1] != version)
        {
            history.Add(version);
        }

        AtomicFile.WriteAllText(Path.Combine(Root, HistoryFile), string.Join('\n', history) + "\n");
        AtomicFile.WriteAllText(Path.Combine(Root, CurrentFile), version + "\n");
    }

    /// <summary>
    /// Undoes the last promotion: the previous promoted version becomes current again (or none, and the scorer falls
    /// back to the baseline). Returns the version now current. With <paramref name="validate"/> (the default) the
    /// version rolled back to is loaded first as the scorer would, and a refused one stops the rollback (nothing
    /// changes) with <see cref="ModelRejectedException"/>: a rollback must land on a model that serves.
    /// </summary>
    public string? Rollback(bool validate = true)
    {
        var history = History().ToList();
        if (history.Count == 0)
        {
            throw new InvalidOperationException("nothing to roll back: no promotion in the history");
        }

        history.RemoveAt(history.Count - 1);
        var previous = history.Count > 0 ? history[^1] : null;
        if (validate && previous is not null)
        {
            Load(previous);
        }

        AtomicFile.WriteAllText(Path.Combine(Root, HistoryFile), history.Count == 0 ? string.Empty : string.Join('\n', history) + "\n");
        AtomicFile.WriteAllText(Path.Combine(Root, CurrentFile), previous is null ? string.Empty : previous + "\n");
        return previous;
    }

    /// <summary>Loads and validates <paramref name="version"/> as the scorer does; throws <see cref="ModelRejectedException"/> only.</summary>
    public LoadedChurnModel Load(string version) =>
        IsVersionName(version) ? ChurnModelLoader.Load(Path.Combine(Root, version)) : throw new ModelRejectedException(version, "not a version name (v + letters, digits, '-')");

    /// <summary>
    /// What an instance started now would serve (see <see cref="ModelServing"/>). Loads the promoted version and, when
    /// it is refused, earlier promotions newest first; <paramref name="except"/> names versions known to be refused
    /// (not loaded again). Throws only for an unreadable <c>current</c> or <c>history</c> file.
    /// </summary>
    public ModelServing Resolve(IReadOnlyCollection<string>? except = null)
    {
        var promoted = CurrentVersion();
        if (promoted is null)
        {
            return new ModelServing(null, null, null);
        }

        ModelRejectedException rejection;
        try
        {
            return new ModelServing(promoted, Load(promoted), null);
        }
        catch (ModelRejectedException ex)
        {
            rejection = ex;
        }

        foreach (var earlier in History().Reverse().Distinct().Where(v => v != promoted && except?.Contains(v, StringComparer.Ordinal) != true))
        {
            try
            {
                return new ModelServing(promoted, Load(earlier), rejection);
            }
            catch (ModelRejectedException)
            {
                // An earlier promotion that no longer loads (files removed or damaged since): try the one before it.
            }
        }

        return new ModelServing(promoted, null, rejection);
    }

    /// <summary>A fresh, hidden staging folder inside the root (same file system, so publishing is a rename).</summary>
    public string CreateStaging()
    {
        var staging = Path.Combine(Root, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Publishes a completed staging folder as <paramref name="version"/>; returns its path.</summary>
    public string Publish(string staging, string version)
    {
        var target = PathOf(version);
        Directory.Move(staging, target);
        return target;
    }

    private ModelVersionInfo Describe(string version, bool isCurrent)
    {
        var folder = Path.Combine(Root, version);
        try
        {
            var metadata = ModelFiles.ReadMetadata(folder);
            double? auc = File.Exists(Path.Combine(folder, ModelFiles.Report)) ? ModelFiles.ReadReport(folder).Model.RocAuc : null;
            return new ModelVersionInfo(version, folder, metadata.CreatedAt, metadata.Trainer, auc, isCurrent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Listing shows an unreadable version as such ("unreadable", no AUC); loading it is what refuses it.
            return new ModelVersionInfo(version, folder, null, null, null, isCurrent);
        }
    }

    [GeneratedRegex("^v[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex VersionPattern();
}
