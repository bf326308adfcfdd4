using Realtime.Core.Recommendations.Ranking;

namespace Realtime.Scoring.Ranking;

/// <summary>Ranking quality of a model over example queries (its own candidates only: the ceiling is candidate recall).</summary>
public static class RankerValidation
{
    /// <summary>Mean NDCG@10 with binary relevance over the queries of <paramref name="examples"/>.</summary>
    public static double NdcgAt10(IRankerModel model, RankerExamples examples)
    {
        var scores = new double[examples.Rows];
        for (var r = 0; r < scores.Length; r++)
        {
            scores[r] = model.Score(examples.Row(r));
        }

        return NdcgAt10(scores, examples);
    }

    /// <summary>Mean NDCG@10 of given row scores (one per row of <paramref name="examples"/>).</summary>
    public static double NdcgAt10(double[] scores, RankerExamples examples)
    {
        if (examples.Queries == 0)
        {
            return double.NaN;
        }

        double total = 0;
        for (var q = 0; q < examples.Queries; q++)
        {
            var (start, end) = examples.QueryRows(q);
            var scored = new List<(double Score, float Label)>(end - start);
            var relevant = 0;
            for (var r = start; r < end; r++)
            {
                scored.Add((scores[r], examples.Label(r)));
                relevant += examples.Label(r) > 0 ? 1 : 0;
            }

            scored.Sort((a, b) => b.Score.CompareTo(a.Score));
            double dcg = 0, ideal = 0;
            for (var k = 0; k < Math.Min(10, scored.Count); k++)
            {
                dcg += scored[k].Label > 0 ? 1 / Math.Log2(k + 2) : 0;
            }

            for (var k = 0; k < Math.Min(10, relevant); k++)
            {
                ideal += 1 / Math.Log2(k + 2);
            }

            total += ideal > 0 ? dcg / ideal : 0;
        }

        return total / examples.Queries;
    }
}
