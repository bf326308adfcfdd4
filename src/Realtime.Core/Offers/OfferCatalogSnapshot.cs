namespace Realtime.Core.Offers;

/// <summary>
/// One loaded catalog with what is built from it: the decision engine and the learning rules. Swapped as a whole on
/// reload, so a request never mixes two catalogs.
/// </summary>
public sealed class OfferCatalogSnapshot
{
    /// <summary>Builds the engine and learning rules of a validated catalog.</summary>
    /// <param name="catalog">The parsed, validated catalog.</param>
    /// <param name="source">Where it came from (a file path, or <c>embedded</c>), for logs.</param>
    public OfferCatalogSnapshot(OfferCatalog catalog, string source)
    {
        Catalog = catalog;
        Source = source;
        Engine = new OfferDecisionEngine(catalog);
        Learning = new OfferLearning(catalog);
        Channels = catalog.Offers.SelectMany(o => o.Channels)
            .Concat(catalog.Policy.ChannelCaps.Select(c => c.Channel ?? string.Empty))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The catalog.</summary>
    public OfferCatalog Catalog { get; }

    /// <summary>Where the catalog came from.</summary>
    public string Source { get; }

    /// <summary>The decision engine over <see cref="Catalog"/>.</summary>
    public OfferDecisionEngine Engine { get; }

    /// <summary>The learning rules (attribution window) of <see cref="Catalog"/>.</summary>
    public OfferLearning Learning { get; }

    /// <summary>Every channel the catalog knows (any offer's channels and every capped channel).</summary>
    public IReadOnlySet<string> Channels { get; }

    /// <summary>The catalog's content version.</summary>
    public string Version => Catalog.Version;

    /// <summary>The embedded default playbook.</summary>
    public static OfferCatalogSnapshot Default { get; } = new(DefaultOfferCatalog.Catalog, "embedded");
}
