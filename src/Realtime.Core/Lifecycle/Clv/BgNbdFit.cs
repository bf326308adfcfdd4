namespace Realtime.Core.Lifecycle.Clv;

/// <summary>
/// A maximum-likelihood BG/NBD fit: the parameters, the total log-likelihood and the work it took.
/// <see cref="Converged"/> is false when the optimiser spent its whole evaluation budget without the simplex settling.
/// </summary>
public sealed record BgNbdFit(BgNbdParameters Parameters, double LogLikelihood, int Customers, int Evaluations, bool Converged = true);
