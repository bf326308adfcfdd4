using System.Text.Json.Serialization;

namespace Realtime.Core.Offers;

/// <summary>
/// The offers a store runs and the policy that picks among them. Immutable once parsed and validated by
/// <see cref="OfferCatalogParser"/>; <see cref="Version"/> identifies the content in decisions and logs.
/// </summary>
public sealed record OfferCatalog
{
    /// <summary>Free-form name of this catalog (e.g. <c>retention-playbook</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Currency of every amount (ISO 4217).</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>Decision settings.</summary>
    public OfferPolicy Policy { get; init; } = new();

    /// <summary>The offers, in file order.</summary>
    public IReadOnlyList<OfferDefinition> Offers { get; init; } = [];

    /// <summary>Hash of the normalized content (12 hex digits): equal content, equal version, whatever the formatting.</summary>
    [JsonIgnore]
    public string Version { get; init; } = string.Empty;

    /// <summary>The offer with this id, or null.</summary>
    public OfferDefinition? Find(string offerId)
    {
        foreach (var offer in Offers)
        {
            if (offer.Id == offerId)
            {
                return offer;
            }
        }

        return null;
    }
}
