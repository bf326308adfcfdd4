using Realtime.Evaluation.Offers;

namespace Realtime.Evaluation;

/// <summary>
/// The evaluations <c>scripts/eval &lt;what&gt;</c> can run. Each prints lines <c>result &lt;name&gt; &lt;value&gt; &lt;unit&gt;</c>
/// on standard output (contract) and returns a process exit code.
/// </summary>
public static class Evaluations
{
    private static readonly Dictionary<string, Func<EvalArguments, TextWriter, int>> s_all = new(StringComparer.Ordinal)
    {
        ["clv-cdnow"] = Clv.CdnowClvEvaluation.Run,
        ["offers-uplift"] = OffersUpliftEvaluation.Run,
        ["churn-cdnow"] = Churn.ChurnCdnowEvaluation.Run,
        ["recs"] = Recs.RecsEvaluation.Run,
    };

    public static IReadOnlyCollection<string> Names => s_all.Keys;

    public static int Run(string what, EvalArguments arguments, TextWriter output)
    {
        if (!s_all.TryGetValue(what, out var run))
        {
            output.WriteLine($"unknown evaluation '{what}'; known: {string.Join(", ", s_all.Keys)}");
            return 2;
        }

        return run(arguments, output);
    }
}
