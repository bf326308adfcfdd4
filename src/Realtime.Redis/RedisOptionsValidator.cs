using Microsoft.Extensions.Options;

namespace Realtime.Redis;

/// <summary>The <c>Redis</c> settings checked at start-up by source-generated code (DataAnnotations and <c>IValidatableObject</c>, no reflection); each failure names the key.</summary>
[OptionsValidator]
internal sealed partial class RedisOptionsValidator : IValidateOptions<RedisOptions>;
