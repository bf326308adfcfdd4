using System.Globalization;
using Realtime.Core.Events;
using Realtime.Core.History;

namespace Realtime.Scoring.History;

/// <summary>
/// Orders from a CSV transaction log (<c>customer, date, amount[, product]</c>, columns per <see cref="CsvColumnMap"/>).
/// A positive amount becomes <c>order_placed</c>, a negative one <c>order_returned</c> (a refund); rows that do not
/// parse are skipped and counted. Event ids are derived from the file and row so a re-import is idempotent.
/// </summary>
public sealed class CsvTransactionSource(string path, CsvColumnMap map) : IEventSource
{
    public string Description => path;

    /// <summary>Rows skipped by the last read.</summary>
    public int Skipped { get; private set; }

    public IEnumerable<CustomerEvent> ReadEvents()
    {
        Skipped = 0;
        using var reader = new StreamReader(path);
        var header = map.HasHeader ? Split(reader.ReadLine() ?? string.Empty) : [];
        int customer = Column(header, map.Customer), date = Column(header, map.Date), amount = Column(header, map.Amount);
        var product = map.Product is null ? -1 : Column(header, map.Product);
        var fileTag = Path.GetFileNameWithoutExtension(path);
        CustomerEvent? pending = null;
        var row = 0;
        while (reader.ReadLine() is { } line)
        {
            row++;
            var cells = Split(line);
            if (cells.Length <= Math.Max(Math.Max(customer, date), Math.Max(amount, product))
                || !TryDate(cells[date], out var at)
                || !double.TryParse(cells[amount], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !CustomerIds.IsValid(cells[customer]))
            {
                Skipped++;
                continue;
            }

            var e = ToEvent($"csv-{fileTag}-{row}", cells[customer], at, value, product >= 0 ? cells[product] : null);
            if (map.MergeSameDay && pending is not null && Mergeable(pending, e))
            {
                pending = pending with { Amount = pending.Amount + e.Amount, Lines = [.. pending.Lines, .. e.Lines] };
                continue;
            }

            if (pending is not null)
            {
                yield return pending;
            }

            pending = e;
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    private static CustomerEvent ToEvent(string id, string customer, DateTimeOffset at, double value, string? product)
    {
        var lines = product is { Length: > 0 } && CustomerIds.IsValid(product) ? [new OrderLine(product, null, 1, Math.Abs(value))] : Array.Empty<OrderLine>();
        return new CustomerEvent
        {
            EventId = id,
            Type = value < 0 ? EventType.OrderReturned : EventType.OrderPlaced,
            CustomerId = customer,
            OccurredAt = at,
            Amount = Math.Abs(value),
            Lines = lines,
        };
    }

    private static bool Mergeable(CustomerEvent a, CustomerEvent b) =>
        a.Type == EventType.OrderPlaced && b.Type == EventType.OrderPlaced && a.CustomerId == b.CustomerId && a.OccurredAt.Date == b.OccurredAt.Date;

    private bool TryDate(string text, out DateTimeOffset at) => map.DateFormat is { } format
        ? DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    private static int Column(string[] header, string name)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index;
        }

        var i = Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : throw new FormatException($"column '{name}' is not in the header ({string.Join(", ", header)})");
    }

    /// <summary>Splits one CSV line; double quotes protect delimiters ("" is a literal quote).</summary>
    private string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == map.Delimiter && !quoted)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return [.. cells];
    }
}
