namespace Realtime.Core.Tests.Text;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("1.5h", 5400)]
    [InlineData("1h30m", 5400)]
    [InlineData("2m30s", 150)]
    [InlineData("01:30:00", 5400)]
    [InlineData("36:00:05", 129605)]
    [InlineData(" 3s ", 3)]
    public void Every_form_of_the_grammar_parses_to_its_length(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text));

    [Theory]
    [InlineData("90")]
    [InlineData("")]
    [InlineData("5 minutes")]
    [InlineData("-5s")]
    [InlineData("5x")]
    [InlineData("1:60:00")]
    [InlineData("s")]
    public void A_text_outside_the_grammar_is_refused_with_the_grammar_in_the_message(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.Contains("90s", error);
        var ex = Assert.Throws<FormatException>(() => DurationText.Parse(text));
        Assert.Equal(error, ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.25)]
    [InlineData(90)]
    [InlineData(5400)]
    [InlineData(90061.5)]
    public void Format_gives_a_text_that_parses_back_to_the_same_length(double seconds)
    {
        var value = TimeSpan.FromSeconds(seconds);
        Assert.Equal(value, DurationText.Parse(DurationText.Format(value)));
    }
}
