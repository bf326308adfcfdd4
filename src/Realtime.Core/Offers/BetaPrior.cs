using System.Text.Json.Serialization;

namespace Realtime.Core.Offers;

/// <summary>
/// Prior belief about an offer's acceptance rate in a segment, as Beta(alpha, beta) or as a rate with a strength
/// (pseudo-observations): rate 0.05 with strength 40 is Beta(2, 38). Strength says how many real contacts it takes
/// for observed data to outweigh the prior.
/// </summary>
public sealed record BetaPrior
{
    /// <summary>Beta alpha (pseudo-acceptances); give either alpha and beta or rate and strength.</summary>
    public double? Alpha { get; init; }

    /// <summary>Beta beta (pseudo-refusals).</summary>
    public double? Beta { get; init; }

    /// <summary>Prior acceptance rate in (0, 1).</summary>
    public double? Rate { get; init; }

    /// <summary>Weight of <see cref="Rate"/> in pseudo-contacts (&gt; 0).</summary>
    public double? Strength { get; init; }

    /// <summary>The effective alpha.</summary>
    [JsonIgnore]
    public double A => Alpha ?? Rate.GetValueOrDefault() * Strength.GetValueOrDefault();

    /// <summary>The effective beta.</summary>
    [JsonIgnore]
    public double B => Beta ?? (1 - Rate.GetValueOrDefault()) * Strength.GetValueOrDefault();

    /// <summary>The prior mean acceptance rate.</summary>
    [JsonIgnore]
    public double Mean => A / (A + B);

    /// <summary>Used when an offer has no prior for a segment and no <c>default</c>: a weak 5 % prior.</summary>
    public static BetaPrior Fallback { get; } = new() { Rate = 0.05, Strength = 20 };
}
