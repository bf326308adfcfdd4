namespace Realtime.Redis;

/// <summary>
/// The stored form of a fitted CLV model at <c>&lt;prefix&gt;:clv:model</c> (snake_case JSON). Time unit days;
/// the Gamma-Gamma fields are null when that part was not fitted.
/// </summary>
internal sealed record ClvModelDocument(
    int Version,
    DateTimeOffset FittedAt,
    int Customers,
    int RepeatCustomers,
    bool Converged,
    double R,
    double Alpha,
    double A,
    double B,
    double BgnbdLogLikelihood,
    double? P,
    double? Q,
    double? Gamma,
    double? GammaGammaLogLikelihood)
{
    public const int CurrentVersion = 1;
}
