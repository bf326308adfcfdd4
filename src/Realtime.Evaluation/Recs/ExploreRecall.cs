using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// The ceiling of any explore ranking: over the test points with explore items (bought, never bought before), the
/// share where at least one is among the ranker's explore candidates, and the share of those items that are.
/// </summary>
internal sealed class ExploreRecall
{
    private int _points;
    private int _pointsCovered;
    private int _items;
    private int _itemsCovered;

    /// <summary>Test points with any explore item in the candidates / test points with explore items.</summary>
    public double PointRecall => _points == 0 ? 0 : _pointsCovered / (double)_points;

    /// <summary>Explore test items among the candidates / explore test items.</summary>
    public double ItemRecall => _items == 0 ? 0 : _itemsCovered / (double)_items;

    /// <summary>Mean explore candidates per test point with explore items.</summary>
    public double MeanCandidates { get; private set; }

    public void Add(RankerCandidates candidates, string[] relevant, IReadOnlySet<string> bought)
    {
        var explore = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsExplore(i))
            {
                explore.Add(candidates.Ids[i]);
            }
        }

        var items = 0;
        var covered = 0;
        foreach (var p in relevant)
        {
            if (!bought.Contains(p))
            {
                items++;
                covered += explore.Contains(p) ? 1 : 0;
            }
        }

        if (items == 0)
        {
            return;
        }

        MeanCandidates += (explore.Count - MeanCandidates) / (_points + 1);
        _points++;
        _pointsCovered += covered > 0 ? 1 : 0;
        _items += items;
        _itemsCovered += covered;
    }
}
