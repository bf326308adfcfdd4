using System.CommandLine;
using Realtime.Core.History;
using Realtime.Scoring.History;

namespace Realtime.Scoring.Cli;

/// <summary>
/// <c>--input</c>, <c>--format</c> and <c>--columns</c>: where the history comes from and how to read it, shared by
/// <c>train</c> and <c>evaluate</c>.
/// </summary>
internal sealed class HistoryOptions
{
    public const string ColumnsHelp =
        "CSV column map: customer=COL,date=COL,amount=COL or COL*COL (a product of two columns, e.g. Quantity*UnitPrice),"
        + " product=COL, order=COL (line items with the same order/invoice id become one order, amounts summed),"
        + " format=yyyyMMdd, delimiter=;|tab, header=false (columns by 0-based index), merge=true (adjacent rows of one"
        + " customer on the same day become one order). COL is a header name (any case) or an index.";

    public Option<string[]> Input { get; } = new("--input")
    {
        Description = "History file, folder (every *.csv, *.jsonl, *.json, *.txt inside, in name order) or glob (* within a name, ** across folders: 'data/2011-*.csv', 'logs/**/*.jsonl'); repeat for several",
        HelpName = "path",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string> Format { get; } = CliValues.OneOf(
        "--format", null, "jsonl | csv | cdnow (default: by file name: *.csv, *.txt → csv, CDNOW* → cdnow, else jsonl)", "jsonl", "csv", "cdnow");

    public Option<string?> Columns { get; } = new("--columns") { Description = ColumnsHelp, HelpName = "map" };

    public void AddTo(Command command)
    {
        command.Add(Input);
        command.Add(Format);
        command.Add(Columns);
    }

    /// <summary>
    /// The sources the parsed options name, one per file, the format inferred per file when <c>--format</c> is absent.
    /// Throws <see cref="FormatException"/> for a bad column map and <see cref="FileNotFoundException"/> for a missing input.
    /// </summary>
    public IEventSource Open(ParseResult parsed)
    {
        var map = CsvColumnMap.Parse(parsed.GetValue(Columns));
        var format = parsed.GetValue(Format);
        var files = HistoryFiles.Expand(parsed.GetValue(Input) ?? []);
        var csv = new List<IEventSource>();
        var jsonl = new List<string>();
        foreach (var file in files)
        {
            switch (format ?? Infer(file))
            {
                case "csv":
                    csv.Add(new CsvTransactionSource(file, map));
                    break;
                case "cdnow":
                    csv.Add(new CdnowEventSource(file));
                    break;
                default:
                    jsonl.Add(file);
                    break;
            }
        }

        IEnumerable<IEventSource> parts = jsonl.Count > 0 ? [.. csv, new JsonLinesEventSource(jsonl)] : csv;
        return new ConcatenatedEventSource(parts.ToList());
    }

    /// <summary><c>.csv</c> and <c>.txt</c> are CSV (delimiter per <c>--columns</c>), except a file named <c>CDNOW*</c>; the rest is JSON lines.</summary>
    private static string Infer(string file)
    {
        var name = Path.GetFileName(file);
        var extension = Path.GetExtension(file);
        return name.StartsWith("CDNOW", StringComparison.OrdinalIgnoreCase) ? "cdnow"
            : extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || extension.Equals(".txt", StringComparison.OrdinalIgnoreCase) ? "csv"
            : "jsonl";
    }
}
