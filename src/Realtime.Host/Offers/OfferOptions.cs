using System.ComponentModel.DataAnnotations;

namespace Realtime.Host.Offers;

/// <summary>Where the offer catalog comes from (section <c>Offers</c>).</summary>
public sealed class OfferOptions : IValidatableObject
{
    public const string SectionName = "Offers";

    /// <summary>
    /// Path of a catalog JSON file (docs/offers.md "Writing an offer catalog"). Empty (default) = the embedded default
    /// playbook. A file that does not parse or validate stops start-up with the bad field's name.
    /// </summary>
    public string CatalogPath { get; set; } = string.Empty;

    /// <summary>
    /// How often the file's modification time and size are checked for a reload, in ms. Default 5000. A changed file
    /// that does not validate is refused with an error log and the catalog in force keeps serving.
    /// </summary>
    [Range(100, 3_600_000)]
    public int ReloadIntervalMs { get; set; } = 5000;

    /// <summary>
    /// The catalog file, when set, must exist and hold a valid catalog. Each failure names the setting, the file and
    /// the bad field (<c>offers[3].eligibility.min_orders: must be &gt;= 0</c>).
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(CatalogPath))
        {
            return [];
        }

        return OfferCatalogFile.Problems(CatalogPath)
            .Select(e => new ValidationResult($"{SectionName}:{nameof(CatalogPath)} ({CatalogPath}): {e}", [nameof(CatalogPath)]));
    }
}
