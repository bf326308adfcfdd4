using System.Globalization;

namespace Realtime.Scoring.Training;

/// <summary>
/// <c>--scores-out FILE</c>: per-customer scores with labels as CSV, <c>customer_id,cutoff,score,label</c> (cutoff in
/// ISO-8601 UTC, label 1 = churned, 0 = ordered within the horizon), one row per evaluated example, for analysis
/// outside the engine (lift charts, joins with campaign data).
/// </summary>
public static class ScoresFile
{
    public const string Header = "customer_id,cutoff,score,label";

    public static void Write(string path, IEnumerable<CustomerScore> scores)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        using var writer = new StreamWriter(path);
        writer.WriteLine(Header);
        foreach (var s in scores)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Quoted(s.CustomerId)},{s.Cutoff.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{s.Score:0.######},{(s.Churned ? 1 : 0)}"));
        }
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
