using Realtime.Evaluation;

namespace Realtime.IntegrationTests.Evaluation;

public sealed class ProgressMeterTests
{
    [Fact]
    public void An_enabled_meter_shows_the_count_the_total_and_a_final_line()
    {
        using var error = new StringWriter();
        using (var meter = ProgressMeter.Start("rounds", 3, enabled: true, error))
        {
            meter.Advance();
            meter.Advance(2);
        }

        var text = error.ToString();
        Assert.Contains("rounds: 1/3 (33%)", text, StringComparison.Ordinal);
        Assert.Contains("rounds: 3/3 (100%)", text, StringComparison.Ordinal);
        Assert.Contains("/s, about ", text, StringComparison.Ordinal); // rate and time left while counting
        Assert.Contains(", done in ", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_meter_writes_nothing()
    {
        using var error = new StringWriter();
        using (var meter = ProgressMeter.Start("rounds", 3, enabled: false, error))
        {
            meter.Advance(3);
        }

        Assert.Equal("", error.ToString());
    }
}
