using System.Globalization;
using Realtime.Core.Audiences;

namespace Realtime.Host.Cli;

/// <summary>
/// The columns of an exported audience, in order, as text: the same names in CSV headers and JSON lines. Lists
/// (categories, segments) are joined with <c>|</c> in CSV.
/// </summary>
internal static class AudienceColumns
{
    public static readonly string[] Names =
        ["customer_id", "email_sha256", "country", "channel", "top_categories", "aov_band", "predicted_clv", "clv", "segments"];

    public static string Value(AudienceMember m, int column) => column switch
    {
        0 => m.CustomerId,
        1 => m.EmailSha256 ?? string.Empty,
        2 => m.Country ?? string.Empty,
        3 => m.Channel,
        4 => string.Join('|', m.TopCategories),
        5 => m.AovBand,
        6 => Money(m.PredictedClv),
        7 => Money(m.Clv),
        _ => string.Join('|', m.Segments),
    };

    public static string Money(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
