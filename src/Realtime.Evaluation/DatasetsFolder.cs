namespace Realtime.Evaluation;

/// <summary>Where the evaluations read their datasets: <c>--data-dir</c>, else <c>shared/datasets</c> found upward from the working directory.</summary>
public static class DatasetsFolder
{
    public static string Resolve(string? dataDir)
    {
        if (dataDir is not null)
        {
            return dataDir;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("no shared/datasets folder found upward from here; pass --data-dir");
    }
}
