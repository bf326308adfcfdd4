namespace Realtime.Core.Lifecycle.Clv;

/// <summary>
/// A maximum-likelihood Gamma-Gamma fit: the parameters, the total log-likelihood over the repeat customers used, and
/// whether the optimiser converged within its evaluation budget.
/// </summary>
public sealed record GammaGammaFit(GammaGammaParameters Parameters, double LogLikelihood, int Customers, int Evaluations, bool Converged);
