using System.Globalization;
using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Core.Audiences;

/// <summary>
/// An audience: conditions joined all by <c>and</c> or all by <c>or</c>, written as a short expression such as
/// <c>segment=hero or clv_top_percent=10</c> (docs/acquisition.md). At most one <c>clv_top_percent</c>, whose
/// threshold the exporter finds with a first pass over the customers.
/// </summary>
public sealed record AudienceDefinition(IReadOnlyList<AudienceCondition> Conditions, bool MatchAll)
{
    /// <summary>Conditions an expression may hold.</summary>
    public const int MaxConditions = 16;

    private const string Grammar = "segment=<name>, clv>=<amount>, clv_top_percent=<0..100>, channel=<name>, country=<code>";

    /// <summary>The <c>clv_top_percent</c> condition's percentage, if any.</summary>
    public double? TopPercent => Conditions.FirstOrDefault(c => c.Field == AudienceField.ClvTopPercent)?.Number;

    /// <summary>
    /// Whether a customer belongs. <paramref name="topThreshold"/> is the lowest predicted CLV inside the top percent
    /// (null when the definition has none, or when no customer qualifies).
    /// </summary>
    public bool Matches(in AudienceFacts f, double? topThreshold)
    {
        foreach (var c in Conditions)
        {
            var hit = c.Field switch
            {
                AudienceField.Segment => SegmentNames.TryParse(c.Text, out var s) && f.Segments.Contains(s),
                AudienceField.MinClv => f.PredictedClv >= c.Number,
                AudienceField.ClvTopPercent => topThreshold is { } t && f.PredictedClv >= t && f.PredictedClv > 0,
                AudienceField.Channel => string.Equals(f.Channel, c.Text, StringComparison.Ordinal),
                _ => string.Equals(f.Country, c.Text, StringComparison.Ordinal),
            };
            if (hit != MatchAll)
            {
                return hit; // and: the first miss decides; or: the first hit decides
            }
        }

        return MatchAll;
    }

    /// <summary>Parses an expression; false with a reason (starting with the field name <paramref name="field"/>) when it is not valid.</summary>
    public static bool TryParse(string? expression, string field, out AudienceDefinition? definition, out string? error)
    {
        definition = null;
        error = null;
        var tokens = (expression ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            error = $"{field}: is empty; write conditions ({Grammar}) joined by 'and' or 'or'";
            return false;
        }

        var conditions = new List<AudienceCondition>();
        bool? matchAll = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i % 2 == 1)
            {
                var joiner = tokens[i].ToLowerInvariant();
                if (joiner is not ("and" or "or"))
                {
                    error = $"{field}: expected 'and' or 'or' before '{EventLimits.Quote(tokens[i])}'";
                    return false;
                }

                if (matchAll is { } m && m != (joiner == "and"))
                {
                    error = $"{field}: mixes 'and' and 'or'; use one of them";
                    return false;
                }

                matchAll = joiner == "and";
                continue;
            }

            if (ParseCondition(tokens[i], field, out var condition) is { } problem)
            {
                error = problem;
                return false;
            }

            conditions.Add(condition!);
        }

        if (tokens.Length % 2 == 0)
        {
            error = $"{field}: ends with '{EventLimits.Quote(tokens[^1])}' and no condition after it";
            return false;
        }

        if (conditions.Count > MaxConditions)
        {
            error = $"{field}: at most {MaxConditions} conditions";
            return false;
        }

        if (conditions.Count(c => c.Field == AudienceField.ClvTopPercent) > 1)
        {
            error = $"{field}: at most one clv_top_percent condition";
            return false;
        }

        definition = new AudienceDefinition(conditions, matchAll ?? true);
        return true;
    }

    private static string? ParseCondition(string token, string field, out AudienceCondition? condition)
    {
        condition = null;
        var (name, value) = token.Split(">=", 2) is [var n, var v] ? (n + ">=", v) : token.Split('=', 2) is [var n2, var v2] ? (n2, v2) : (token, string.Empty);
        switch (name.ToLowerInvariant())
        {
            case "segment":
                if (!SegmentNames.TryParse(value, out var segment))
                {
                    return $"{field}: segment '{EventLimits.Quote(value)}' is not one of {string.Join(", ", SegmentNames.All.Select(s => s.ToWire()))}";
                }

                condition = new(AudienceField.Segment, segment.ToWire(), 0);
                return null;
            case "clv>=":
                if (!TryNumber(value, out var min) || min < 0 || min > EventLimits.MaxAmount)
                {
                    return $"{field}: clv>= needs an amount from 0 to 1e9, not '{EventLimits.Quote(value)}'";
                }

                condition = new(AudienceField.MinClv, string.Empty, min);
                return null;
            case "clv_top_percent":
                if (!TryNumber(value, out var percent) || percent <= 0 || percent > 100)
                {
                    return $"{field}: clv_top_percent needs a number above 0 and at most 100, not '{EventLimits.Quote(value)}'";
                }

                condition = new(AudienceField.ClvTopPercent, string.Empty, percent);
                return null;
            case "channel":
                if (value.Length is 0 or > EventLimits.MaxLabelLength)
                {
                    return $"{field}: channel needs a name of 1 to {EventLimits.MaxLabelLength} characters";
                }

                condition = new(AudienceField.Channel, CounterKeys.Channel(value), 0);
                return null;
            case "country":
                if (value.Length != 2 || !value.All(char.IsAsciiLetter))
                {
                    return $"{field}: country needs an ISO 3166-1 alpha-2 code, not '{EventLimits.Quote(value)}'";
                }

                condition = new(AudienceField.Country, value.ToUpperInvariant(), 0);
                return null;
            default:
                return $"{field}: '{EventLimits.Quote(token)}' is not a condition ({Grammar})";
        }
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
