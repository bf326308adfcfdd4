using Microsoft.Extensions.Options;

namespace Realtime.Grpc.Security;

/// <summary>The <c>Api:Auth</c> settings checked at start-up by source-generated code (DataAnnotations and <c>IValidatableObject</c>, no reflection); each failure names the key.</summary>
[OptionsValidator]
internal sealed partial class ApiAuthOptionsValidator : IValidateOptions<ApiAuthOptions>;
