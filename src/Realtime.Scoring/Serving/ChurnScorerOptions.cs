using System.ComponentModel.DataAnnotations;

namespace Realtime.Scoring.Serving;

/// <summary>Settings of the online churn scorer (configuration section <c>Churn</c>).</summary>
public sealed class ChurnScorerOptions : IValidatableObject
{
    public const string SectionName = "Churn";

    /// <summary>Registry folder shared by training and every API instance. Default <c>models</c>.</summary>
    [Required]
    public string ModelsRoot { get; set; } = "models";

    /// <summary>How often the <c>current</c> pointer is checked for a newly promoted version. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Scores at or above this are <see cref="RiskBand.Medium"/>. Default 0.4.</summary>
    [Range(0.0, 1.0)]
    public float MediumThreshold { get; set; } = 0.4f;

    /// <summary>Scores at or above this are <see cref="RiskBand.High"/>. Default 0.7.</summary>
    [Range(0.0, 1.0)]
    public float HighThreshold { get; set; } = 0.7f;

    /// <summary>The rule between the thresholds, at start-up (the scorer's constructor refuses it too, for callers without a host).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MediumThreshold > HighThreshold)
        {
            yield return new ValidationResult("Churn:MediumThreshold must not exceed Churn:HighThreshold", [nameof(MediumThreshold)]);
        }
    }
}
