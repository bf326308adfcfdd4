using Microsoft.Extensions.Options;
using Realtime.Host;

namespace Realtime.IntegrationTests;

/// <summary>
/// Every options class is checked at start-up by its source-generated validator: one bad value stops the engine as it
/// is built and started (nothing connects: the check runs before any hosted service), with a message naming the key.
/// </summary>
public sealed class OptionsValidationTests
{

    [Theory]
    [InlineData("Kafka:MaxBatchSize", "0", "MaxBatchSize")]
    [InlineData("Ingest:TransientRetries", "0", "TransientRetries")]
    [InlineData("Redis:KeyPrefix", "not a prefix!", "Redis:KeyPrefix")]
    [InlineData("Api:MaxConcurrentStreams", "0", "MaxConcurrentStreams")]
    [InlineData("Churn:HighThreshold", "2", "HighThreshold")]
    [InlineData("Recommendations:BoughtTogetherWeight", "1000", "BoughtTogetherWeight")]
    [InlineData("Recommendations:Signals:AssociationHalfLifeDays", "0", "AssociationHalfLifeDays")]
    [InlineData("Recommendations:History:MaxProducts", "-1", "MaxProducts")]
    [InlineData("Lifecycle:HeroMinRecency", "9", "HeroMinRecency")]
    [InlineData("Lifecycle:Maturity:EstablishedRetentionShare", "2", "EstablishedRetentionShare")]
    [InlineData("Offers:ReloadIntervalMs", "1", "ReloadIntervalMs")]
    [InlineData("Triggers:Birthday:SendHour", "24", "Triggers:Birthday")]
    [InlineData("Triggers:PriceDrop:MinDropPercent", "0", "MinDropPercent")]
    [InlineData("Triggers:TimeZone", "Mars/Olympus_Mons", "Triggers:TimeZone")]
    public void An_out_of_range_setting_fails_start_up_naming_the_key(string key, string value, string named)
    {
        Assert.Contains(named, Messages(StartUpFailure(new() { [key] = value })), StringComparison.Ordinal);
    }

    [Fact]
    public void An_api_port_out_of_range_is_refused_naming_the_key()
    {
        // Not through Build: Kestrel's listener set-up (ApiEndpoints) reads the port first and refuses it on its own.
        var result = new ApiOptionsValidator().Validate(Options.DefaultName, new ApiOptions { GrpcPort = 70_000 });

        Assert.True(result.Failed);
        Assert.Contains("GrpcPort", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_api_key_whose_hash_is_not_hex_fails_start_up_naming_the_key()
    {
        var failure = Messages(StartUpFailure(new()
        {
            ["Api:Auth:Keys:0:Name"] = "storefront",
            ["Api:Auth:Keys:0:Sha256"] = "the key itself, not its hash",
            ["Api:Auth:Keys:0:Scopes"] = "profiles:read",
        }));

        Assert.Contains("Api:Auth:Keys:<n>:Sha256", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_limit_out_of_range_fails_start_up_naming_its_scope_key()
    {
        var failure = Messages(StartUpFailure(new() { ["Api:RateLimits:recommendations:read:PerSecond"] = "0" }));

        Assert.Contains("Api:RateLimits:recommendations:read", failure, StringComparison.Ordinal);
        Assert.Contains("PerSecond", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_medium_churn_threshold_above_the_high_one_fails_start_up_naming_the_key()
    {
        var failure = Messages(Assert.IsType<OptionsValidationException>(StartUpFailure(new() { ["Churn:MediumThreshold"] = "0.8", ["Churn:HighThreshold"] = "0.6" })));

        Assert.Contains("Churn:MediumThreshold", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Contradictory_lifecycle_settings_fail_start_up_naming_the_key()
    {
        var failure = Messages(StartUpFailure(new() { ["Lifecycle:OverdueFactor"] = "3", ["Lifecycle:InactiveFactor"] = "2" }));

        Assert.Contains("Lifecycle:InactiveFactor", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_offer_catalog_fails_start_up_naming_the_key_and_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "rt-no-catalog-" + Guid.NewGuid().ToString("N") + ".json");

        var failure = Messages(StartUpFailure(new() { ["Offers:CatalogPath"] = missing }));

        Assert.Contains($"Offers:CatalogPath ({missing})", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_settings_pass_every_validator()
    {
        using var app = RealtimeApp.Build([], AppMode.All, Loopback());

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    /// <summary>The failure of building the engine and running its start-up validation (what <c>StartAsync</c> runs first).</summary>
    private static Exception StartUpFailure(Dictionary<string, string?> settings)
    {
        var overrides = Loopback();
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        var failure = Record.Exception(() =>
        {
            using var app = RealtimeApp.Build([], AppMode.All, overrides);
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        });

        return Assert.IsAssignableFrom<Exception>(failure);
    }

    private static string Messages(Exception failure) =>
        failure is AggregateException all ? string.Join(" | ", all.InnerExceptions.Select(e => e.Message)) : failure.Message;

    // A loopback API without credentials is allowed only with auth disabled: the checks under test are the validators'.
    private static Dictionary<string, string?> Loopback() => new()
    {
        ["Kafka:BootstrapServers"] = "embedded",
        ["Api:ListenAddress"] = "127.0.0.1",
        ["Api:Auth:Disabled"] = "true",
        ["Api:GrpcPort"] = "0",
        ["Api:HttpPort"] = "0",
    };
}
