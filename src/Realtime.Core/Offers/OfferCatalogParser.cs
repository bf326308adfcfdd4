using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realtime.Core.Offers;

/// <summary>
/// Parses and validates an offer catalog from JSON (snake_case). The host reads the file; this only sees text.
/// Unknown fields are refused (a typo such as <c>min_order</c> must not silently disable a rule).
/// </summary>
public static class OfferCatalogParser
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Parses and validates; throws <see cref="OfferCatalogException"/> listing every bad field.</summary>
    public static OfferCatalog Parse(string json) =>
        TryParse(json, out var catalog, out var errors) ? catalog : throw new OfferCatalogException(errors);

    /// <summary>Parses and validates; false with the errors (each naming its field) when the catalog is refused.</summary>
    public static bool TryParse(string json, out OfferCatalog catalog, out IReadOnlyList<string> errors)
    {
        catalog = new OfferCatalog();
        OfferCatalog? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<OfferCatalog>(json, s_options);
        }
        catch (JsonException ex)
        {
            errors = [Describe(ex)];
            return false;
        }

        if (parsed is null)
        {
            errors = ["catalog: must be a JSON object"];
            return false;
        }

        errors = OfferCatalogValidator.Validate(parsed);
        if (errors.Count > 0)
        {
            return false;
        }

        catalog = parsed with { Version = VersionOf(parsed) };
        return true;
    }

    /// <summary>The catalog as normalized JSON (defaults filled in): what <see cref="OfferCatalog.Version"/> hashes.</summary>
    public static string ToJson(OfferCatalog catalog) => JsonSerializer.Serialize(catalog, s_options);

    private static string VersionOf(OfferCatalog catalog)
    {
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(catalog, s_options));
        return Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    // System.Text.Json reports "$.offers[3].kind"; users know the field as "offers[3].kind".
    private static string Describe(JsonException ex)
    {
        var path = ex.Path is null or "$" ? "catalog" : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
        var line = ex.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"{path}: unknown field{line}";
        }

        if (ex.Path is null)
        {
            return $"catalog: not valid JSON{line}: {ex.Message}";
        }

        return $"{path}: invalid value{line}";
    }
}
