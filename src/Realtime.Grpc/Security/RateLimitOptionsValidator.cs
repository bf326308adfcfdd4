using Microsoft.Extensions.Options;

namespace Realtime.Grpc.Security;

/// <summary>One <c>Api:RateLimits:&lt;scope&gt;</c> bucket checked at start-up by source-generated code (DataAnnotations and <c>IValidatableObject</c>, no reflection); each failure names the key.</summary>
[OptionsValidator]
internal sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
