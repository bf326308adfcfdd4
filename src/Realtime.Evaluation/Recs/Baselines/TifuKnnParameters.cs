using System.Globalization;

namespace Realtime.Evaluation.Recs.Baselines;

/// <summary>
/// TIFU-KNN's hyper-parameters (Hu et al. 2020). The defaults are the paper's (its TaFeng setting, the one most
/// re-implementations use as default): k = 300 neighbours, m = 7 groups, within-basket decay r_b = 0.9, group decay
/// r_g = 0.7, α = 0.7.
/// </summary>
/// <param name="Neighbours">k: nearest customers (cosine of the customers' vectors) whose mean vector is blended in.</param>
/// <param name="Groups">m: the customer's basket sequence is cut into at most this many consecutive groups.</param>
/// <param name="WithinDecay">r_b: a basket's weight inside its group, per basket it is older than the group's newest.</param>
/// <param name="GroupDecay">r_g: a group's weight, per group it is older than the newest group.</param>
/// <param name="Alpha">α: weight of the customer's own vector; 1 − α goes to the neighbours' mean.</param>
internal sealed record TifuKnnParameters(int Neighbours = 300, int Groups = 7, double WithinDecay = 0.9, double GroupDecay = 0.7, double Alpha = 0.7)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"k={Neighbours} m={Groups} rb={WithinDecay} rg={GroupDecay} alpha={Alpha}");
}
