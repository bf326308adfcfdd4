using Microsoft.Extensions.Options;

namespace Realtime.Scoring.Serving;

/// <summary>The <c>Churn</c> serving settings checked at start-up by source-generated code (DataAnnotations and <c>IValidatableObject</c>, no reflection); each failure names the key.</summary>
[OptionsValidator]
internal sealed partial class ChurnScorerOptionsValidator : IValidateOptions<ChurnScorerOptions>;
