namespace Realtime.Core.Lifecycle.Clv;

/// <summary>A maximum-likelihood BG/NBD fit: the parameters, the total log-likelihood and the work it took.</summary>
public sealed record BgNbdFit(BgNbdParameters Parameters, double LogLikelihood, int Customers, int Evaluations);
