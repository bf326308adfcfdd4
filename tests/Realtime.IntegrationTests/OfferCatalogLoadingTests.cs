using Realtime.Core.Offers;
using Realtime.Files.Offers;
using Realtime.Grpc.V1;
using Realtime.Host;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public sealed class OfferCatalogLoadingTests(Servers servers) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("offers-").FullName;

    [Fact]
    public async Task An_invalid_catalog_file_is_refused_at_start_up_with_the_bad_field_named()
    {
        var path = Write("bad.json", DefaultOfferCatalog.Json.Replace("\"min_orders\": 1", "\"min_orders\": -1", StringComparison.Ordinal));
        var scope = servers.NewScope("badcat");
        await using var engine = RealtimeApp.Build([], AppMode.Api, OfferEngine.SettingsFor(servers, scope, path));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => engine.StartAsync());
        Assert.Contains("Offers:CatalogPath", ex.Message, StringComparison.Ordinal);
        Assert.Contains("offers[0].eligibility.min_orders", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_catalog_file_is_refused_at_start_up()
    {
        var scope = servers.NewScope("nocat");
        await using var engine = RealtimeApp.Build([], AppMode.Api, OfferEngine.SettingsFor(servers, scope, Path.Combine(_dir, "absent.json")));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => engine.StartAsync());
        Assert.Contains("Offers:CatalogPath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_catalog_is_reloaded_and_a_bad_change_is_refused_while_the_old_one_serves()
    {
        var path = Write("offers.json", Renamed("catalog-one"));
        var v1 = OfferCatalogParser.Parse(Renamed("catalog-one")).Version;
        var v2 = OfferCatalogParser.Parse(Renamed("catalog-two")).Version;
        await using var engine = await OfferEngine.StartAsync(servers, "reload", AppMode.Api, path);
        var id = OfferEngine.CustomerId("reload", holdout: false);
        var state = new Realtime.Core.State.CustomerState(id) { FirstSeenMs = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds(), LastPartition = 0, LastOffset = 1 };
        await engine.Scope.Store.SaveAsync([state], CancellationToken.None);
        Assert.Equal(v1, await VersionServedAsync(engine, id));

        // A broken file: the source sees the change, refuses it, and keeps the catalog in force.
        var source = engine.Services.GetRequiredService<FileOfferCatalogSource>();
        File.WriteAllText(path, "{ \"offers\": [ { \"id\": \"x\", \"kind\": \"bogus\" } ] }");
        Assert.True(await OfferEngine.UntilAsync(() => Task.FromResult(!source.CheckForChange())));
        Assert.Equal(v1, source.Current.Version);
        Assert.Equal(v1, await VersionServedAsync(engine, id));

        // A valid change is picked up by the watcher on its own.
        File.WriteAllText(path, Renamed("catalog-two"));
        Assert.True(await OfferEngine.UntilAsync(async () => await VersionServedAsync(engine, id) == v2), "the new catalog was not loaded");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<string> VersionServedAsync(OfferEngine engine, string id) =>
        (await engine.Offers.ExplainOffersAsync(new ExplainOffersRequest { CustomerId = id, Channel = "email" })).CatalogVersion;

    private static string Renamed(string name) =>
        DefaultOfferCatalog.Json.Replace("\"name\": \"retention-playbook\"", $"\"name\": \"{name}\"", StringComparison.Ordinal);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }
}
