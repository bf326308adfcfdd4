using Microsoft.Extensions.Options;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Host;

/// <summary>
/// The nested <c>Lifecycle:Maturity</c>, <c>Lifecycle:Sweep</c>, <c>Lifecycle:ClvFit</c> and <c>Lifecycle:Acquisition</c> sections, each by its own
/// source-generated validator (what <c>[ValidateObjectMembers]</c> would do, had Core the attribute's package).
/// </summary>
internal sealed partial class LifecycleSectionsValidator : IValidateOptions<LifecycleOptions>
{
    private static readonly MaturityValidator s_maturity = new();
    private static readonly SweepValidator s_sweep = new();
    private static readonly ClvFitValidator s_clvFit = new();
    private static readonly AcquisitionValidator s_acquisition = new();

    public ValidateOptionsResult Validate(string? name, LifecycleOptions options)
    {
        var results = new ValidateOptionsResultBuilder();
        results.AddResult(s_maturity.Validate($"{LifecycleOptions.SectionName}:{nameof(LifecycleOptions.Maturity)}", options.Maturity));
        results.AddResult(s_sweep.Validate($"{LifecycleOptions.SectionName}:{nameof(LifecycleOptions.Sweep)}", options.Sweep));
        results.AddResult(s_clvFit.Validate($"{LifecycleOptions.SectionName}:{nameof(LifecycleOptions.ClvFit)}", options.ClvFit));
        results.AddResult(s_acquisition.Validate($"{LifecycleOptions.SectionName}:{nameof(LifecycleOptions.Acquisition)}", options.Acquisition));
        return results.Build();
    }

    [OptionsValidator]
    internal sealed partial class MaturityValidator : IValidateOptions<MaturityOptions>;

    [OptionsValidator]
    internal sealed partial class SweepValidator : IValidateOptions<SweepOptions>;

    [OptionsValidator]
    internal sealed partial class ClvFitValidator : IValidateOptions<ClvFitOptions>;

    [OptionsValidator]
    internal sealed partial class AcquisitionValidator : IValidateOptions<Core.Acquisition.AcquisitionOptions>;
}
