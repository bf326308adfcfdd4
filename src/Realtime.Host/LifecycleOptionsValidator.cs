using Microsoft.Extensions.Options;
using Realtime.Core.Lifecycle;

namespace Realtime.Host;

/// <summary>
/// The <c>Lifecycle</c> settings checked at start-up by source-generated code (DataAnnotations and the cross-key rules
/// of <see cref="LifecycleOptions"/>' <c>IValidatableObject</c>); each failure names the key. The nested sections are
/// checked by <see cref="LifecycleSectionsValidator"/>.
/// </summary>
// SYSLIB1212: Core has no package references, so its Maturity/Sweep/ClvFit properties cannot carry
// [ValidateObjectMembers]; LifecycleSectionsValidator runs their generated validators instead.
#pragma warning disable SYSLIB1212
[OptionsValidator]
internal sealed partial class LifecycleOptionsValidator : IValidateOptions<LifecycleOptions>;
#pragma warning restore SYSLIB1212
