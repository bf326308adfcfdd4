using BenchmarkDotNet.Reports;

namespace Realtime.Benchmarks;

/// <summary>
/// Prints a bench result line (<c>result &lt;name&gt; &lt;µs&gt; us</c>, as scripts/bench's scenarios do) for every
/// benchmark tagged <c>[BenchmarkCategory("result:&lt;name&gt;")]</c>: its mean time per operation, so
/// <c>scripts/bench all</c> can carry an in-process figure next to the load-test ones.
/// </summary>
public static class ResultLines
{
    public const string Prefix = "result:";

    public static void Print(IEnumerable<Summary> summaries)
    {
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                var name = report.BenchmarkCase.Descriptor.Categories.FirstOrDefault(c => c.StartsWith(Prefix, StringComparison.Ordinal));
                if (name is not null && report.ResultStatistics is { } statistics)
                {
                    var micros = statistics.Median / 1000;
                    Console.WriteLine(FormattableString.Invariant($"result {name[Prefix.Length..]} {micros:0.#} us"));
                }
            }
        }
    }
}
