using Realtime.Core.Churn;
using Realtime.Core.State;

namespace Realtime.Scoring.Training;

/// <summary>
/// Scores every example of a training part by a fit on the other <see cref="Parts"/> − 1 parts of it (customers split
/// by the id hash), so the calibration can be fitted on all of a fit's customers rather than on its validation part
/// alone (on Online Retail a fifth of ~2,170 customers: ~45 a decile) without any row being scored by a fit that saw it.
/// </summary>
public static class OutOfPartScores
{
    /// <summary>Parts of the training part: each is scored by a refit on the other three.</summary>
    public const int Parts = 4;

    /// <summary>
    /// A customer's part: the id hash's bits from 16 on, modulo <see cref="Parts"/>: another draw than the fold (the
    /// whole hash modulo the folds) and the inner split (the high half).
    /// </summary>
    public static int PartOf(string customerId) => (int)((StableHash.Of(customerId) >> 16) % Parts);

    /// <summary>
    /// The out-of-part score and outcome of every example in a part whose complement has both outcomes (a fit needs
    /// both); <paramref name="fit"/> gets the other parts and returns a scorer for the held part.
    /// </summary>
    public static (List<float> Scores, List<bool> Churned) Score(
        IReadOnlyList<ChurnExample> examples, Func<IReadOnlyList<ChurnExample>, Func<IReadOnlyList<ChurnExample>, IReadOnlyList<float>>> fit)
    {
        var scores = new List<float>(examples.Count);
        var churned = new List<bool>(examples.Count);
        for (var part = 0; part < Parts; part++)
        {
            var held = examples.Where(e => PartOf(e.CustomerId) == part).ToList();
            var rest = examples.Where(e => PartOf(e.CustomerId) != part).ToList();
            if (held.Count == 0 || !rest.Any(e => e.Churned) || !rest.Any(e => !e.Churned))
            {
                continue;
            }

            scores.AddRange(fit(rest)(held));
            churned.AddRange(held.Select(e => e.Churned));
        }

        return (scores, churned);
    }
}
