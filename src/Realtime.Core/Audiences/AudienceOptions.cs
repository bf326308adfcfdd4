using System.ComponentModel.DataAnnotations;

namespace Realtime.Core.Audiences;

/// <summary>
/// Seed audiences (section <c>Audiences</c>): the AOV bands of the exported traits, and the named audiences that the
/// scheduled refresh keeps and publishes membership changes of (docs/acquisition.md).
/// </summary>
public sealed class AudienceOptions
{
    public const string SectionName = "Audiences";

    /// <summary>Average order value below this is the <c>low</c> band. Default 50.</summary>
    [Range(0.0, 1e9)]
    public double AovLowBelow { get; set; } = 50;

    /// <summary>Average order value from this on is the <c>high</c> band (between: <c>mid</c>). Default 150.</summary>
    [Range(0.0, 1e9)]
    public double AovHighFrom { get; set; } = 150;

    /// <summary>Named audiences: name (letters, digits, <c>_</c>, <c>-</c>) → expression. Default none (no refresh runs).</summary>
    public Dictionary<string, string> Definitions { get; set; } = [];

    /// <summary>How often the named audiences are recomputed and their changes published. Default 1 hour.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Checks the bands and the definitions; throws naming the key.</summary>
    public void Validate()
    {
        if (AovHighFrom < AovLowBelow)
        {
            throw new ArgumentException($"{SectionName}:AovLowBelow ({AovLowBelow}) must not exceed AovHighFrom ({AovHighFrom})");
        }

        if (RefreshInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{SectionName}:RefreshInterval must be at least one second");
        }

        foreach (var (name, expression) in Definitions)
        {
            if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new ArgumentException($"{SectionName}:Definitions:{name}: a name is 1 to 64 letters, digits, '_' or '-'");
            }

            if (!AudienceDefinition.TryParse(expression, $"{SectionName}:Definitions:{name}", out _, out var error))
            {
                throw new ArgumentException(error);
            }
        }
    }
}
