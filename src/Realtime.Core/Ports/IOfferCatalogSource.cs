using Realtime.Core.Offers;

namespace Realtime.Core.Ports;

/// <summary>The catalog in force. A host may reload it; readers take <see cref="Current"/> once per request.</summary>
public interface IOfferCatalogSource
{
    /// <summary>The catalog serving now.</summary>
    OfferCatalogSnapshot Current { get; }
}
