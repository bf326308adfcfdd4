using Microsoft.Extensions.Options;

namespace Realtime.Kafka;

/// <summary>The <c>Kafka</c> settings checked at start-up by source-generated code (DataAnnotations and <c>IValidatableObject</c>, no reflection); each failure names the key.</summary>
[OptionsValidator]
internal sealed partial class KafkaOptionsValidator : IValidateOptions<KafkaOptions>;
