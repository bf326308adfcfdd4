using Microsoft.Extensions.Options;

namespace Realtime.Host;

/// <summary>The <c>Api</c> listener settings checked at start-up by source-generated code (DataAnnotations and <c>IValidatableObject</c>, no reflection); each failure names the key.</summary>
[OptionsValidator]
internal sealed partial class ApiOptionsValidator : IValidateOptions<ApiOptions>;
