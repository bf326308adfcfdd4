using Realtime.Scoring.Serving;

namespace Realtime.Scoring.Registry;

/// <summary>
/// Which model an API instance serves for a registry state: the promoted version when it loads; otherwise the newest
/// earlier promotion (from the history) that loads; otherwise the baseline (<see cref="Model"/> null).
/// </summary>
/// <param name="Promoted">The version the <c>current</c> pointer names; null when nothing is promoted.</param>
/// <param name="Model">The loaded model that serves; null when the baseline answers.</param>
/// <param name="Rejection">Why the promoted version is refused; null when it loads (or nothing is promoted).</param>
public sealed record ModelServing(string? Promoted, LoadedChurnModel? Model, ModelRejectedException? Rejection)
{
    /// <summary>The serving version's name, or <see cref="ChurnScorer.BaselineVersion"/>.</summary>
    public string ServingVersion => Model?.Version ?? ChurnScorer.BaselineVersion;
}
