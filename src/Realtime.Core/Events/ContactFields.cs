namespace Realtime.Core.Events;

/// <summary>
/// Parsing and checks of the optional contact fields of <c>customer_registered</c> (<c>email_sha256</c>,
/// <c>birthday</c>, <c>country</c>), shared by the JSON and Protobuf decoders so both accept and reject the same values.
/// </summary>
public static class ContactFields
{
    public const string BirthdayProblem = "birthday must be YYYY-MM-DD or MM-DD";

    /// <summary>An absent or empty value is no birthday (true, null); anything else must parse.</summary>
    public static bool TryParseBirthday(string? text, out MonthDay? birthday)
    {
        birthday = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!MonthDay.TryParse(text, out var day))
        {
            return false;
        }

        birthday = day;
        return true;
    }

    /// <summary>Hex digests compare case-insensitively; state keeps lower case (what ad platforms expect).</summary>
    public static string? NormaliseHex(string? value) => string.IsNullOrEmpty(value) ? null : value.ToLowerInvariant();

    public static string? NormaliseCountry(string? value) => string.IsNullOrEmpty(value) ? null : value.ToUpperInvariant();

    /// <summary>The problem with the event's contact fields, or null (they are already normalised).</summary>
    public static string? Problem(CustomerEvent e) =>
        e.EmailSha256 is { } hash && (hash.Length != 64 || !hash.All(IsLowerHex))
            ? "email_sha256 must be 64 hexadecimal characters (SHA-256 of the trimmed, lower-cased email)"
            : e.Country is { } country && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
            ? "country must be a two-letter ISO 3166-1 code"
            : null;

    private static bool IsLowerHex(char c) => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';
}
