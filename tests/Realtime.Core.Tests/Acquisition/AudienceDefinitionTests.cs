using Realtime.Core.Audiences;
using Realtime.Core.Lifecycle;

namespace Realtime.Core.Tests.Acquisition;

public sealed class AudienceDefinitionTests
{
    private static AudienceDefinition Parse(string expression)
    {
        Assert.True(AudienceDefinition.TryParse(expression, "definition", out var d, out var error), error);
        return d!;
    }

    private static AudienceFacts Facts(Segment? segment = null, double clv = 0, string channel = "email", string? country = null) =>
        new(segment is { } s ? SegmentSet.Of(s) : default, clv, channel, country);

    [Fact]
    public void Or_takes_any_condition_and_and_takes_all()
    {
        var any = Parse("segment=hero OR clv>=500");
        Assert.True(any.Matches(Facts(Segment.Hero), null));
        Assert.True(any.Matches(Facts(clv: 500), null));
        Assert.False(any.Matches(Facts(Segment.Active, 499), null));

        var all = Parse("segment=at_risk and clv>=500 and channel=Paid Social".Replace("Paid Social", "paid_social", StringComparison.Ordinal));
        Assert.True(all.Matches(Facts(Segment.AtRisk, 600, "paid_social"), null));
        Assert.False(all.Matches(Facts(Segment.AtRisk, 600, "email"), null));
        Assert.False(all.Matches(Facts(Segment.AtRisk, 100, "paid_social"), null));
    }

    [Fact]
    public void The_top_percent_condition_compares_with_the_threshold_found_by_the_exporter()
    {
        var top = Parse("clv_top_percent=10");
        Assert.Equal(10, top.TopPercent);
        Assert.True(top.Matches(Facts(clv: 80), 80));
        Assert.False(top.Matches(Facts(clv: 79.9), 80));
        Assert.False(top.Matches(Facts(clv: 0), 0)); // no predicted value: never "top"
        Assert.False(top.Matches(Facts(clv: 80), null));
    }

    [Fact]
    public void Country_and_channel_are_normalised()
    {
        var d = Parse("country=de and channel=Email");
        Assert.True(d.Matches(Facts(channel: "email", country: "DE"), null));
    }

    [Theory]
    [InlineData("", "definition: is empty")]
    [InlineData("segment=hero or", "definition: ends with 'or'")]
    [InlineData("segment=hero xor clv>=1", "definition: expected 'and' or 'or' before 'xor'")]
    [InlineData("segment=hero and clv>=1 or channel=x", "definition: mixes 'and' and 'or'")]
    [InlineData("clv>=abc", "definition: clv>= needs an amount")]
    [InlineData("clv_top_percent=101", "definition: clv_top_percent needs a number above 0")]
    [InlineData("clv_top_percent=5 or clv_top_percent=10", "definition: at most one clv_top_percent")]
    [InlineData("country=DEU", "definition: country needs an ISO 3166-1 alpha-2 code")]
    [InlineData("age=30", "definition: 'age=30' is not a condition")]
    public void An_invalid_expression_is_refused_naming_the_field(string expression, string reason)
    {
        Assert.False(AudienceDefinition.TryParse(expression, "definition", out _, out var error));
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }
}
