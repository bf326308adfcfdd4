using Realtime.Scoring.Training;

namespace Realtime.Scoring.Tests;

public sealed class TrainingProgressTests
{
    [Fact]
    public void The_counter_shows_done_total_rate_and_time_left()
    {
        Assert.Equal("      500 / 2,000 events  250/s  ~0:06 left", TrainingProgress.CounterLine(500, 2000, "events", TimeSpan.FromSeconds(2)));
        Assert.Equal("      4,096 events read  2,048/s", TrainingProgress.CounterLine(4096, 0, "events read", TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void The_terminal_gets_the_counter_and_the_output_keeps_its_report_lines()
    {
        var (output, terminal) = (new StringWriter(), new StringWriter());
        var progress = new TrainingProgress(output, 1, terminal);

        progress.Stage("replaying");
        progress.CountOf(1000, "events");
        progress.Report(1);
        progress.Done("done");

        Assert.Equal(["[1/1] replaying", "      100%", "      done (0.0 s)"], output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("\r      1,000 / 1,000 events", terminal.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\r", terminal.ToString(), StringComparison.Ordinal); // erased when the stage ends
        Assert.DoesNotContain('\n', terminal.ToString());
    }
}
