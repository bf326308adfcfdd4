namespace Realtime.Core.Offers;

/// <summary>
/// The retention playbook shipped with the engine (<c>default-offers.json</c>, embedded in this assembly). A host
/// that is given no catalog file uses it; <see cref="Json"/> is also the template for writing one.
/// </summary>
public static class DefaultOfferCatalog
{
    private const string ResourceName = "Realtime.Core.Offers.default-offers.json";

    private static readonly Lazy<string> s_json = new(ReadResource);
    private static readonly Lazy<OfferCatalog> s_catalog = new(() => OfferCatalogParser.Parse(s_json.Value));

    /// <summary>The playbook's JSON text.</summary>
    public static string Json => s_json.Value;

    /// <summary>The parsed, validated playbook.</summary>
    public static OfferCatalog Catalog => s_catalog.Value;

    // Reading a resource compiled into this assembly is not I/O in the sense Core avoids: no file system, no network.
    private static string ReadResource()
    {
        using var stream = typeof(DefaultOfferCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
