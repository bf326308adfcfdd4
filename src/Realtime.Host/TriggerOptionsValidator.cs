using Microsoft.Extensions.Options;
using Realtime.Core.Triggers;

namespace Realtime.Host;

/// <summary>
/// The <c>Triggers</c> settings checked at start-up: each section by its source-generated validator (DataAnnotations,
/// failures name the key), and the time zone, which must be one this machine knows.
/// </summary>
internal sealed partial class TriggerOptionsValidator : IValidateOptions<TriggerOptions>
{
    private static readonly RootValidator s_root = new();
    private static readonly AnniversaryValidator s_anniversary = new();
    private static readonly BirthdayValidator s_birthday = new();
    private static readonly ReplenishmentValidator s_replenishment = new();
    private static readonly CatalogValidator s_catalog = new();
    private static readonly PriceDropValidator s_priceDrop = new();
    private static readonly NewInCategoryValidator s_newInCategory = new();
    private static readonly SweepValidator s_sweep = new();

    public ValidateOptionsResult Validate(string? name, TriggerOptions options)
    {
        const string Section = TriggerOptions.SectionName;
        var results = new ValidateOptionsResultBuilder();
        results.AddResult(s_root.Validate(Section, options));
        results.AddResult(s_anniversary.Validate($"{Section}:{nameof(TriggerOptions.Anniversary)}", options.Anniversary));
        results.AddResult(s_birthday.Validate($"{Section}:{nameof(TriggerOptions.Birthday)}", options.Birthday));
        results.AddResult(s_replenishment.Validate($"{Section}:{nameof(TriggerOptions.Replenishment)}", options.Replenishment));
        results.AddResult(s_catalog.Validate($"{Section}:{nameof(TriggerOptions.BackInStock)}", options.BackInStock));
        results.AddResult(s_priceDrop.Validate($"{Section}:{nameof(TriggerOptions.PriceDrop)}", options.PriceDrop));
        results.AddResult(s_newInCategory.Validate($"{Section}:{nameof(TriggerOptions.NewInCategory)}", options.NewInCategory));
        results.AddResult(s_sweep.Validate($"{Section}:{nameof(TriggerOptions.Sweep)}", options.Sweep));
        try
        {
            options.Zone();
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            results.AddError($"'{options.TimeZone}' is not a time zone this machine knows (an IANA id such as Europe/Berlin)", $"{Section}:{nameof(TriggerOptions.TimeZone)}");
        }

        return results.Build();
    }

    // SYSLIB1212: Core has no package references, so its nested sections cannot carry [ValidateObjectMembers]; each
    // section's generated validator runs above instead.
#pragma warning disable SYSLIB1212
    [OptionsValidator]
    internal sealed partial class RootValidator : IValidateOptions<TriggerOptions>;
#pragma warning restore SYSLIB1212

    [OptionsValidator]
    internal sealed partial class AnniversaryValidator : IValidateOptions<AnniversaryTriggerOptions>;

    [OptionsValidator]
    internal sealed partial class BirthdayValidator : IValidateOptions<BirthdayTriggerOptions>;

    [OptionsValidator]
    internal sealed partial class ReplenishmentValidator : IValidateOptions<ReplenishmentTriggerOptions>;

    [OptionsValidator]
    internal sealed partial class CatalogValidator : IValidateOptions<CatalogTriggerOptions>;

    [OptionsValidator]
    internal sealed partial class PriceDropValidator : IValidateOptions<PriceDropTriggerOptions>;

    [OptionsValidator]
    internal sealed partial class NewInCategoryValidator : IValidateOptions<NewInCategoryTriggerOptions>;

    [OptionsValidator]
    internal sealed partial class SweepValidator : IValidateOptions<TriggerSweepOptions>;
}
