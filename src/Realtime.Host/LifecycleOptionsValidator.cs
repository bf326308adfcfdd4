using Microsoft.Extensions.Options;
using Realtime.Core.Lifecycle;

namespace Realtime.Host;

/// <summary>Runs <see cref="LifecycleOptions.Validate"/> at start-up, so a contradictory setting stops the process with the key's name.</summary>
internal sealed class LifecycleOptionsValidator : IValidateOptions<LifecycleOptions>
{
    public ValidateOptionsResult Validate(string? name, LifecycleOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
