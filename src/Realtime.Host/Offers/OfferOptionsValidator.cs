using Microsoft.Extensions.Options;

namespace Realtime.Host.Offers;

/// <summary>The <c>Offers</c> settings (the catalog file included) checked at start-up by source-generated code (DataAnnotations and <c>IValidatableObject</c>, no reflection); each failure names the key.</summary>
[OptionsValidator]
internal sealed partial class OfferOptionsValidator : IValidateOptions<OfferOptions>;
