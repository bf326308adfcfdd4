namespace Realtime.Evaluation;

/// <summary>Command-line options shared by evaluations: <c>--data-dir</c>, <c>--dataset</c>, <c>--cutoff</c>, <c>--horizon-days</c>, ...</summary>
public sealed class EvalArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public static EvalArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new EvalArguments();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}' (options look like --name value)");
            }

            var name = args[i][2..];
            var value = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            parsed._options[name] = value;
        }

        return parsed;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Get(string name, string fallback) => _options.GetValueOrDefault(name) ?? fallback;

    /// <summary>The datasets folder: <c>--data-dir</c>, else <c>../shared/datasets</c> found upward from the working directory.</summary>
    public string DatasetsRoot()
    {
        if (Get("data-dir") is { } explicitDir)
        {
            return explicitDir;
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
