using System.Globalization;
using Realtime.Core.Events;
using Realtime.Core.History;
using Sylvan.Data.Csv;

namespace Realtime.Scoring.History;

/// <summary>
/// Orders from a CSV transaction log (<c>customer, date, amount[, product][, order]</c>, columns per
/// <see cref="CsvColumnMap"/>), read with Sylvan.Data.Csv: RFC 4180 quoting, so quoted delimiters, doubled quotes and
/// quoted newlines inside a field are data. A positive amount becomes <c>order_placed</c>, a negative one
/// <c>order_returned</c> (a refund); rows that do not parse are skipped and counted. Event ids are derived from the file
/// and row (or the order id) so a re-import is idempotent.
/// </summary>
public sealed class CsvTransactionSource(string path, CsvColumnMap map) : IEventSource, ISkipsMalformed
{
    public string Description => path;

    /// <summary>Rows skipped by the last read.</summary>
    public int Skipped { get; private set; }

    public IEnumerable<CustomerEvent> ReadEvents()
    {
        Skipped = 0;
        var rows = ReadRows();
        return map.Order is not null ? ByOrder(rows) : map.MergeSameDay ? SameDayMerged(rows) : rows;
    }

    private IEnumerable<CustomerEvent> ReadRows()
    {
        var options = new CsvDataReaderOptions { HasHeaders = map.HasHeader, Delimiter = map.Delimiter };
        using var csv = CsvDataReader.Create(path, options);
        var header = map.HasHeader ? Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray() : [];
        int customer = Column(header, map.Customer), date = Column(header, map.Date);
        var amount = map.AmountFactors.Select(f => Column(header, f)).ToArray();
        var product = map.Product is null ? -1 : Column(header, map.Product);
        var order = map.Order is null ? -1 : Column(header, map.Order);
        var needed = new[] { customer, date, product, order }.Concat(amount).Max();
        var fileTag = Path.GetFileNameWithoutExtension(path);
        var row = 0;
        while (csv.Read())
        {
            row++;
            string Cell(int i) => csv.GetString(i).Trim();
            if (csv.RowFieldCount <= needed || !TryDate(Cell(date), out var at) || !TryAmount(amount.Select(Cell), out var value)
                || !CustomerIds.IsValid(Cell(customer)) || (order >= 0 && Cell(order).Length == 0))
            {
                Skipped++;
                continue;
            }

            var id = order >= 0 ? $"csv-{fileTag}-order-{Cell(order)}" : $"csv-{fileTag}-{row}";
            yield return ToEvent(id, Cell(customer), at, value, product >= 0 ? Cell(product) : null);
        }
    }

    private static bool TryAmount(IEnumerable<string> factors, out double value)
    {
        value = 1;
        foreach (var text in factors)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor))
            {
                return false;
            }

            value *= factor;
        }

        return true;
    }

    /// <summary>One order per order id, in the order each id first appears: amounts summed (signed), lines appended.</summary>
    private static IEnumerable<CustomerEvent> ByOrder(IEnumerable<CustomerEvent> rows)
    {
        var orders = new Dictionary<string, (CustomerEvent First, double Signed, List<OrderLine> Lines)>(StringComparer.Ordinal);
        var sequence = new List<string>();
        foreach (var e in rows)
        {
            var signed = e.Type == EventType.OrderReturned ? -e.Amount : e.Amount;
            if (orders.TryGetValue(e.EventId, out var o))
            {
                o.Lines.AddRange(e.Lines);
                orders[e.EventId] = (o.First, o.Signed + signed, o.Lines);
                continue;
            }

            orders.Add(e.EventId, (e, signed, [.. e.Lines]));
            sequence.Add(e.EventId);
        }

        foreach (var id in sequence)
        {
            var (first, signed, lines) = orders[id];
            yield return first with
            {
                Type = signed < 0 ? EventType.OrderReturned : EventType.OrderPlaced,
                Amount = Math.Abs(signed),
                Lines = lines,
            };
        }
    }

    private static IEnumerable<CustomerEvent> SameDayMerged(IEnumerable<CustomerEvent> rows)
    {
        CustomerEvent? pending = null;
        foreach (var e in rows)
        {
            if (pending is not null && Mergeable(pending, e))
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

    private int Column(string[] header, string name)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index;
        }

        var i = Array.FindIndex(header, h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : throw new FormatException($"{path}: column '{name}' is not in the header ({string.Join(", ", header)})");
    }
}
