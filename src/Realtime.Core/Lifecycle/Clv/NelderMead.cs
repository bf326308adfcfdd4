namespace Realtime.Core.Lifecycle.Clv;

/// <summary>
/// Nelder–Mead simplex minimiser (standard coefficients 1, 2, ½, ½), restarted from its best point until a restart
/// no longer improves: a collapsed simplex is the method's known failure, and a fresh one costs little here.
/// </summary>
internal static class NelderMead
{
    /// <summary>The default evaluation budget; a run that spends all of it stopped before the simplex converged.</summary>
    public const int MaxEvaluations = 20_000;

    /// <summary>
    /// Relative improvement of the last restart below which the objective counts as settled. Far looser than the
    /// simplex tolerance on purpose: on a likelihood ridge (parameters drifting to infinity while the fit no longer
    /// improves) the restarts keep finding crumbs of 1e-12, yet the optimum is reached for every practical purpose.
    /// </summary>
    public const double SettledTolerance = 1e-8;

    /// <summary>
    /// Minimises <paramref name="f"/> from <paramref name="start"/>. Converged = the last restart improved the value by
    /// at most <see cref="SettledTolerance"/> (relative) and the value is finite: a run cut short by the evaluation
    /// budget while still improving is not converged.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="start">The first point.</param>
    /// <param name="step">The first simplex's edge.</param>
    /// <param name="tolerance">A simplex has converged when its values differ by at most this (relative).</param>
    /// <param name="maxEvaluations">The evaluation budget.</param>
    /// <param name="restartTolerance">Restarts stop once one improves by at most this (relative); default <paramref name="tolerance"/>.</param>
    public static (double[] Point, double Value, int Evaluations, bool Converged) Minimize(
        Func<double[], double> f, double[] start, double step = 0.5, double tolerance = 1e-12, int maxEvaluations = MaxEvaluations, double? restartTolerance = null)
    {
        var best = (double[])start.Clone();
        var bestValue = f(best);
        var evaluations = 1;
        var lastImprovement = double.PositiveInfinity;
        for (var restart = 0; restart < 20 && evaluations < maxEvaluations; restart++)
        {
            var (point, value, used) = Run(f, best, step, tolerance, maxEvaluations - evaluations);
            evaluations += used;
            var improved = bestValue - value;
            lastImprovement = Math.Max(0, improved);
            if (value < bestValue)
            {
                best = point;
                bestValue = value;
            }

            if (improved <= (restartTolerance ?? tolerance) * (1 + Math.Abs(bestValue)))
            {
                break;
            }

            step = Math.Max(step / 2, 0.01);
        }

        var converged = double.IsFinite(bestValue) && bestValue < double.MaxValue && lastImprovement <= SettledTolerance * (1 + Math.Abs(bestValue));
        return (best, bestValue, evaluations, converged);
    }

    private static (double[] Point, double Value, int Evaluations) Run(Func<double[], double> f, double[] start, double step, double tolerance, int budget)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            simplex[i] = (double[])start.Clone();
            if (i > 0)
            {
                simplex[i][i - 1] += step;
            }

            values[i] = f(simplex[i]);
        }

        var evaluations = n + 1;
        var order = Enumerable.Range(0, n + 1).ToArray();
        while (evaluations < budget)
        {
            Array.Sort(order, (x, y) => values[x].CompareTo(values[y]));
            int best = order[0], worst = order[n], second = order[n - 1];
            if (Math.Abs(values[worst] - values[best]) <= tolerance * (1 + Math.Abs(values[best])))
            {
                break;
            }

            var centroid = new double[n];
            foreach (var i in order.Take(n))
            {
                for (var d = 0; d < n; d++)
                {
                    centroid[d] += simplex[i][d] / n;
                }
            }

            var reflected = Along(centroid, simplex[worst], -1);
            var fr = f(reflected);
            evaluations++;
            if (fr < values[best])
            {
                var expanded = Along(centroid, simplex[worst], -2);
                var fe = f(expanded);
                evaluations++;
                (simplex[worst], values[worst]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[second])
            {
                (simplex[worst], values[worst]) = (reflected, fr);
            }
            else
            {
                // Contract towards the better of the worst point and its reflection.
                var contracted = fr < values[worst] ? Along(centroid, simplex[worst], -0.5) : Along(centroid, simplex[worst], 0.5);
                var fc = f(contracted);
                evaluations++;
                if (fc < Math.Min(fr, values[worst]))
                {
                    (simplex[worst], values[worst]) = (contracted, fc);
                }
                else
                {
                    for (var i = 0; i <= n; i++)
                    {
                        if (i != best)
                        {
                            simplex[i] = Along(simplex[best], simplex[i], 0.5);
                            values[i] = f(simplex[i]);
                            evaluations++;
                        }
                    }
                }
            }
        }

        var winner = 0;
        for (var i = 1; i <= n; i++)
        {
            winner = values[i] < values[winner] ? i : winner;
        }

        return (simplex[winner], values[winner], evaluations);
    }

    // centroid + t × (point − centroid): t = −1 reflects, −2 expands, ±½ contracts.
    private static double[] Along(double[] centroid, double[] point, double t)
    {
        var result = new double[centroid.Length];
        for (var d = 0; d < result.Length; d++)
        {
            result[d] = centroid[d] + (t * (point[d] - centroid[d]));
        }

        return result;
    }
}
