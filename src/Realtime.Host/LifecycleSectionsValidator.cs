using Microsoft.Extensions.Options;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Host;

/// <summary>
/// The nested <c>Lifecycle:Maturity</c>, <c>Lifecycle:Sweep</c> and <c>Lifecycle:ClvFit</c> sections, each by its own
/// source-generated validator (what <c>[ValidateObjectMembers]</c> would do, had Core the attribute's package).
/// </summary>
internal sealed partial class LifecycleSectionsValidator : IValidateOptions<LifecycleOptions>
{
    private static readonly MaturityValidator s_maturity = new();
    private static readonly SweepValidator s_sweep = new();
    private static readonly ClvFitValidator s_clvFit = new();

    public ValidateOptionsResult Validate(string? name, LifecycleOptions options)
    {
        var results = new ValidateOptionsResultBuilder();
        results.AddResult(s_maturity.Validate($"{LifecycleOptions.SectionName}:{nameof(LifecycleOptions.Maturity)}", options.Maturity));
        results.AddResult(s_sweep.Validate($"{LifecycleOptions.SectionName}:{nameof(LifecycleOptions.Sweep)}", options.Sweep));
        results.AddResult(s_clvFit.Validate($"{LifecycleOptions.SectionName}:{nameof(LifecycleOptions.ClvFit)}", options.ClvFit));
        return results.Build();
    }

    [OptionsValidator]
    internal sealed partial class MaturityValidator : IValidateOptions<MaturityOptions>;

    [OptionsValidator]
    internal sealed partial class SweepValidator : IValidateOptions<SweepOptions>;

    [OptionsValidator]
    internal sealed partial class ClvFitValidator : IValidateOptions<ClvFitOptions>;
}
