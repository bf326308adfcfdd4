using Microsoft.Extensions.FileSystemGlobbing;

namespace Realtime.Scoring.History;

/// <summary>
/// Expands the <c>--input</c> values of <c>realtime train</c> and <c>evaluate</c> into history files: a file as given,
/// a folder as every <c>*.csv</c>, <c>*.jsonl</c>, <c>*.json</c> and <c>*.txt</c> directly inside it, and a glob
/// (Microsoft.Extensions.FileSystemGlobbing: <c>*</c> within a name, <c>**</c> across folders, e.g.
/// <c>data/2011-*/orders-*.csv</c>; no <c>?</c> or <c>[...]</c>) as the files it matches. Files come out in ordinal
/// name order per value, each once.
/// </summary>
public static class HistoryFiles
{
    /// <summary>The extensions a folder contributes.</summary>
    public static IReadOnlyList<string> FolderExtensions { get; } = [".csv", ".jsonl", ".json", ".txt"];

    /// <summary>Expands <paramref name="inputs"/>; throws <see cref="FileNotFoundException"/> naming a value that matches nothing.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            var matched = File.Exists(input) ? [input]
                : Directory.Exists(input) ? InFolder(input)
                : IsGlob(input) ? Glob(input)
                : throw new FileNotFoundException($"--input {input}: no such file or folder", input);
            if (matched.Count == 0)
            {
                throw new FileNotFoundException($"--input {input}: no {string.Join("/", FolderExtensions)} file {(IsGlob(input) ? "matches" : "inside")}", input);
            }

            files.AddRange(matched.Where(f => !files.Contains(f, StringComparer.Ordinal)));
        }

        return files;
    }

    private static bool IsGlob(string input) => input.Contains('*', StringComparison.Ordinal);

    private static List<string> InFolder(string folder) => Directory.EnumerateFiles(folder)
        .Where(f => FolderExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Matches a glob relative to its longest wildcard-free folder prefix (the current folder when there is none).</summary>
    private static List<string> Glob(string pattern)
    {
        var parts = pattern.Replace('\\', '/').Split('/');
        var fixedParts = parts.TakeWhile(p => !IsGlob(p)).ToArray();
        var root = fixedParts.Length == 0 ? "." : string.Join('/', fixedParts);
        if (root.Length == 0)
        {
            root = "/";
        }

        if (!Directory.Exists(root))
        {
            return [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(string.Join('/', parts.Skip(fixedParts.Length)));
        return matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal).ToList();
    }
}
