namespace Realtime.Evaluation.Recs;

/// <summary>Everything measured for one system: the ranking metrics over all test items and the repeat/explore split.</summary>
internal sealed class SystemMetrics
{
    public RankingMetrics All { get; } = new();

    public RepeatExploreMetrics Split { get; } = new();

    public void Add(IReadOnlyList<string> ranked, string[] relevant, IReadOnlySet<string> bought)
    {
        All.Add(ranked, relevant);
        Split.Add(ranked, relevant, bought);
    }
}
