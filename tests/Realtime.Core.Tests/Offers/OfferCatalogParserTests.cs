using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Core.Offers;

namespace Realtime.Core.Tests.Offers;

public sealed class OfferCatalogParserTests
{
    private static JsonNode DefaultJson() =>
        JsonNode.Parse(DefaultOfferCatalog.Json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;

    private static string RefusalOf(Action<JsonNode> change)
    {
        var json = DefaultJson();
        change(json);
        var ex = Assert.Throws<OfferCatalogException>(() => OfferCatalogParser.Parse(json.ToJsonString()));
        return Assert.Single(ex.Errors);
    }

    [Fact]
    public void Default_playbook_parses_with_every_play()
    {
        var catalog = DefaultOfferCatalog.Catalog;

        var kinds = catalog.Offers.Select(o => o.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<OfferKind>().Except([OfferKind.Other]).Order(), kinds.Order());
        Assert.Matches("^[0-9a-f]{12}$", catalog.Version);
    }

    [Fact]
    public void Version_ignores_formatting_but_follows_content()
    {
        var compact = DefaultJson().ToJsonString();
        var changed = DefaultJson();
        changed["offers"]![1]!["cost"]!["percent_of_aov"] = 15;

        Assert.Equal(DefaultOfferCatalog.Catalog.Version, OfferCatalogParser.Parse(compact).Version);
        Assert.NotEqual(DefaultOfferCatalog.Catalog.Version, OfferCatalogParser.Parse(changed.ToJsonString()).Version);
    }

    [Fact]
    public void Negative_min_orders_is_refused_naming_the_field()
    {
        var error = RefusalOf(j => j["offers"]![3]!["eligibility"]!["min_orders"] = -1);

        Assert.Equal("offers[3].eligibility.min_orders: must be >= 0", error);
    }

    [Fact]
    public void Unknown_field_is_refused_so_a_typo_cannot_disable_a_rule()
    {
        var error = RefusalOf(j => j["offers"]![2]!["eligibility"]!.AsObject().Add("min_order", 2));

        Assert.StartsWith("offers[2].eligibility.min_order: unknown field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kind_is_refused_naming_the_field()
    {
        var error = RefusalOf(j => j["offers"]![0]!["kind"] = "bribe");

        Assert.StartsWith("offers[0].kind: invalid value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_segment_in_priors_is_refused()
    {
        var error = RefusalOf(j => j["offers"]![1]!["priors"]!.AsObject().Add("vip", JsonNode.Parse("""{"rate":0.1,"strength":10}""")));

        Assert.StartsWith("offers[1].priors.vip: unknown segment", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prior_rate_outside_zero_to_one_is_refused()
    {
        var error = RefusalOf(j => j["offers"]![1]!["priors"]!["first_time_buyer"]!["rate"] = 1.5);

        Assert.Equal("offers[1].priors.first_time_buyer.rate: must be <= 0.9999", error);
    }

    [Fact]
    public void Duplicate_and_reserved_ids_are_refused()
    {
        Assert.Equal("offers[2].id: duplicate id 'second_purchase_10'", RefusalOf(j => j["offers"]![2]!["id"] = "second_purchase_10"));
        Assert.StartsWith("offers[2].id: 'none' is reserved", RefusalOf(j => j["offers"]![2]!["id"] = "none"), StringComparison.Ordinal);
    }

    [Fact]
    public void Channel_cap_larger_than_the_remembered_contacts_is_refused()
    {
        var error = RefusalOf(j => j["policy"]!["channel_caps"]![0]!["max_contacts"] = 50);

        Assert.Equal("policy.channel_caps[0].max_contacts: must be <= 8", error);
    }

    [Fact]
    public void Offer_without_channels_is_refused()
    {
        Assert.Equal("offers[4].channels: must list at least one channel", RefusalOf(j => j["offers"]![4]!["channels"] = new JsonArray()));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var json = DefaultJson();
        json["offers"]![0]!["cost"]!["fixed_credit"] = -5;
        json["policy"]!["holdout_share"] = 0.9;

        var ok = OfferCatalogParser.TryParse(json.ToJsonString(), out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["policy.holdout_share: must be <= 0.5", "offers[0].cost.fixed_credit: must be >= 0"], errors);
    }

    [Fact]
    public void Text_that_is_not_json_is_refused_with_its_line()
    {
        var ok = OfferCatalogParser.TryParse("{\n  \"offers\": [ oops ]\n}", out _, out var errors);

        Assert.False(ok);
        Assert.Contains("line 2", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Null_sections_are_refused_instead_of_crashing()
    {
        Assert.Equal("offers[5].eligibility: must not be null", RefusalOf(j => j["offers"]![5]!["eligibility"] = null));
        Assert.Equal("policy: must not be null", RefusalOf(j => j["policy"] = null));
    }
}
