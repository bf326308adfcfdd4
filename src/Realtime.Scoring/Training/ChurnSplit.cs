using Realtime.Core.Churn;
using Realtime.Core.State;

namespace Realtime.Scoring.Training;

/// <summary>Train / validation / holdout examples, and how they were split.</summary>
public sealed record ChurnSplit(
    IReadOnlyList<ChurnExample> Train, IReadOnlyList<ChurnExample> Validation, IReadOnlyList<ChurnExample> Holdout, ChurnSplitMethod Method)
{
    /// <summary>Splits a training set as <paramref name="method"/> says (see <see cref="ChurnSplitMethod"/>).</summary>
    public static ChurnSplit Of(TrainingSet set, ChurnSplitMethod method)
    {
        var cutoffs = set.Cutoffs;
        method = Resolve(set, method);

        if (method == ChurnSplitMethod.Time)
        {
            if (cutoffs.Count < 3)
            {
                throw new NotEnoughDataException($"a time split needs at least 3 labelled cutoffs, found {cutoffs.Count}: use a longer history, a shorter --horizon-days, or --split customer");
            }

            var (validation, holdout) = (cutoffs[^2], cutoffs[^1]);
            return new ChurnSplit(
                set.Examples.Where(e => e.Cutoff < validation).ToList(),
                set.Examples.Where(e => e.Cutoff == validation).ToList(),
                set.Examples.Where(e => e.Cutoff == holdout).ToList(),
                method);
        }

        // Stable hash, not Random: the same customer lands in the same part on every run and every machine.
        static ulong Bucket(ChurnExample e) => StableHash.Of(e.CustomerId) % 100;
        return new ChurnSplit(
            set.Examples.Where(e => Bucket(e) < 60).ToList(),
            set.Examples.Where(e => Bucket(e) is >= 60 and < 80).ToList(),
            set.Examples.Where(e => Bucket(e) >= 80).ToList(),
            method);
    }

    /// <summary><see cref="ChurnSplitMethod.Auto"/> resolved: time with ≥ 3 cutoffs, else customer.</summary>
    public static ChurnSplitMethod Resolve(TrainingSet set, ChurnSplitMethod method) =>
        method != ChurnSplitMethod.Auto ? method : set.Cutoffs.Count >= 3 ? ChurnSplitMethod.Time : ChurnSplitMethod.Customer;
}
