using Microsoft.Extensions.Options;
using Realtime.Core.Recommendations;

namespace Realtime.Host;

/// <summary>The <c>Recommendations</c> settings checked at start-up by source-generated code (DataAnnotations and <c>IValidatableObject</c>, no reflection); each failure names the key.</summary>
[OptionsValidator]
internal sealed partial class RecommendationOptionsValidator : IValidateOptions<RecommendationOptions>;
