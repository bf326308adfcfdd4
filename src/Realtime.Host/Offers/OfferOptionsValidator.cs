using Microsoft.Extensions.Options;
using Realtime.Files.Offers;

namespace Realtime.Host.Offers;

/// <summary>
/// Start-up check of <c>Offers:CatalogPath</c>: the file must exist and hold a valid catalog. Each failure names the
/// setting, the file and the bad field (<c>offers[3].eligibility.min_orders: must be &gt;= 0</c>).
/// </summary>
internal sealed class OfferOptionsValidator : IValidateOptions<OfferOptions>
{
    public ValidateOptionsResult Validate(string? name, OfferOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CatalogPath))
        {
            return ValidateOptionsResult.Success;
        }

        var errors = OfferCatalogFile.Problems(options.CatalogPath);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{OfferOptions.SectionName}:{nameof(OfferOptions.CatalogPath)} ({options.CatalogPath}): {e}"));
    }
}
