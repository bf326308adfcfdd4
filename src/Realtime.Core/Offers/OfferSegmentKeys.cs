using System.Text.Json;
using Realtime.Core.Lifecycle;

namespace Realtime.Core.Offers;

/// <summary>
/// The segment an offer's acceptance is learned and looked up under. A customer carries several segments, but each
/// offer×customer pair needs one key so priors and observed counts line up: the first segment the offer targets that
/// the customer has, else the customer's primary lifecycle stage.
/// </summary>
public static class OfferSegmentKeys
{
    /// <summary>Key of a prior that applies to every segment without its own.</summary>
    public const string Default = "default";

    /// <summary>Key for a customer without any segment.</summary>
    public const string Unsegmented = "unsegmented";

    // When a customer carries several lifecycle stages (should not happen), the most actionable one wins.
    private static readonly Segment[] s_stagePrecedence =
        [Segment.AtRisk, Segment.Inactive, Segment.Hero, Segment.Active, Segment.FirstTimeBuyer, Segment.New];

    private static readonly Dictionary<string, Segment> s_byName =
        Enum.GetValues<Segment>().ToDictionary(ToKey, s => s, StringComparer.Ordinal);

    /// <summary>The wire name of a segment (<c>first_time_buyer</c>).</summary>
    public static string ToKey(Segment segment) => JsonNamingPolicy.SnakeCaseLower.ConvertName(segment.ToString());

    /// <summary>Parses a wire name.</summary>
    public static bool TryParse(string name, out Segment segment) => s_byName.TryGetValue(name, out segment);

    /// <summary>The key for <paramref name="offer"/> and a customer with <paramref name="segments"/>.</summary>
    public static string For(OfferDefinition offer, IReadOnlySet<Segment> segments)
    {
        foreach (var targeted in offer.Eligibility.Segments)
        {
            if (segments.Contains(targeted))
            {
                return ToKey(targeted);
            }
        }

        foreach (var stage in s_stagePrecedence)
        {
            if (segments.Contains(stage))
            {
                return ToKey(stage);
            }
        }

        return Unsegmented;
    }
}
