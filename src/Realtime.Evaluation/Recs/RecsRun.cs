namespace Realtime.Evaluation.Recs;

/// <summary>The options of one <c>eval recs</c> run.</summary>
/// <param name="Dataset"><c>online-retail</c>, <c>ml-100k</c> or <c>both</c>.</param>
/// <param name="DatasetsRoot">The datasets folder, or the dataset's own folder.</param>
/// <param name="Cutoff">Start of Online Retail's test window.</param>
/// <param name="Until">End of Online Retail's test window (<see cref="DateTimeOffset.MaxValue"/>: the data's end).</param>
/// <param name="Set">Option overrides <c>Name=value,...</c> for tuning, or null.</param>
/// <param name="Progress">Show the replay's progress on stderr.</param>
public sealed record RecsRun(string Dataset, string DatasetsRoot, DateTimeOffset Cutoff, DateTimeOffset Until, string? Set, bool Progress);
