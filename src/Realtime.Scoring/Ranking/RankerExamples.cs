using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// Training examples for the ranker, grouped by query (one query = one customer asked at one time): each candidate's
/// features and whether the customer took it at that time. Queries whose candidates hold no positive are not kept
/// (they carry no gradient for LambdaRank).
/// </summary>
/// <param name="exploreLabel">The label of a taken explore candidate (<see cref="RankerTrainingOptions.ExploreLabel"/>); a taken repeat is 1.</param>
public sealed class RankerExamples(int exploreLabel = 2)
{
    private readonly List<float> _features = [];
    private readonly List<float> _labels = [];
    private readonly List<int> _queryStarts = [];

    /// <summary>Queries kept.</summary>
    public int Queries => _queryStarts.Count;

    /// <summary>Rows (candidates) kept.</summary>
    public int Rows => _labels.Count;

    /// <summary>Queries asked, including those without a positive candidate.</summary>
    public int QueriesAsked { get; private set; }

    /// <summary>Adds a query: its candidates, labelled when in <paramref name="relevant"/> (1, or the explore label for an explore candidate).</summary>
    public void Add(RankerCandidates candidates, IReadOnlySet<string> relevant)
    {
        QueriesAsked++;
        var any = false;
        for (var i = 0; i < candidates.Count && !any; i++)
        {
            any = relevant.Contains(candidates.Ids[i]);
        }

        if (!any)
        {
            return;
        }

        _queryStarts.Add(_labels.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            _labels.Add(!relevant.Contains(candidates.Ids[i]) ? 0 : candidates.IsExplore(i) ? exploreLabel : 1);
            foreach (var f in candidates.Features(i))
            {
                _features.Add(f);
            }
        }
    }

    /// <summary>The rows for ML.NET, with the query number + 1 as group id (contiguous per query, as LightGBM needs).</summary>
    internal IEnumerable<RankerRow> ToRows(int firstGroup = 0)
    {
        for (var q = 0; q < _queryStarts.Count; q++)
        {
            var end = q + 1 < _queryStarts.Count ? _queryStarts[q + 1] : _labels.Count;
            for (var r = _queryStarts[q]; r < end; r++)
            {
                var features = new float[RankerFeatures.Count];
                _features.CopyTo(r * RankerFeatures.Count, features, 0, RankerFeatures.Count);
                yield return new RankerRow { Label = _labels[r], Query = (uint)(firstGroup + q + 1), Features = features };
            }
        }
    }

    /// <summary>The rows [start, end) of query <paramref name="query"/>.</summary>
    public (int Start, int End) QueryRows(int query) =>
        (_queryStarts[query], query + 1 < _queryStarts.Count ? _queryStarts[query + 1] : _labels.Count);

    /// <summary>The feature vector of row <paramref name="row"/> (tests, probes).</summary>
    public float[] Row(int row)
    {
        var features = new float[RankerFeatures.Count];
        _features.CopyTo(row * RankerFeatures.Count, features, 0, RankerFeatures.Count);
        return features;
    }

    /// <summary>The label of row <paramref name="row"/>.</summary>
    public float Label(int row) => _labels[row];
}
