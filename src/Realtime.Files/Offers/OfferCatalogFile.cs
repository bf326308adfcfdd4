using Realtime.Core.Offers;

namespace Realtime.Files.Offers;

/// <summary>Reads and validates a catalog file.</summary>
public static class OfferCatalogFile
{
    /// <summary>The catalog in <paramref name="path"/>, or the problems (missing file, unreadable, each bad field).</summary>
    public static bool TryLoad(string path, out OfferCatalog catalog, out IReadOnlyList<string> errors)
    {
        catalog = new OfferCatalog();
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors = [$"cannot read the file: {ex.Message}"];
            return false;
        }

        return OfferCatalogParser.TryParse(json, out catalog, out errors);
    }

    /// <summary>What is wrong with the file; empty when it holds a valid catalog.</summary>
    public static IReadOnlyList<string> Problems(string path) => TryLoad(path, out _, out var errors) ? [] : errors;
}
