namespace Realtime.Scoring.History;

/// <summary>
/// Which columns of a transaction CSV hold what. Columns are named by header (case-insensitive) or, for files without a
/// header, by zero-based index written as a number (<c>"0"</c>). Defaults read <c>customer,date,amount[,product]</c>.
/// The amount may be computed as the product of two columns (<c>amount=Quantity*UnitPrice</c>), the shape of line-item
/// exports; nothing else is computed (no sums, constants or other operators).
/// </summary>
public sealed class CsvColumnMap
{
    public string Customer { get; init; } = "customer";

    public string Date { get; init; } = "date";

    /// <summary>One column, or two joined by <c>*</c> whose product is the amount (<c>Quantity*UnitPrice</c>).</summary>
    public string Amount { get; init; } = "amount";

    /// <summary>The columns whose product is the amount: one or two names.</summary>
    public IReadOnlyList<string> AmountFactors => Amount.Split('*', StringSplitOptions.TrimEntries);

    /// <summary>Optional product column; when set, each row becomes a one-line order for that product.</summary>
    public string? Product { get; init; }

    /// <summary>
    /// Optional order (invoice) id column: every row with the same id becomes one order whose amount is the sum of the
    /// rows' amounts and whose lines are the rows' products, wherever the rows are in the file. A negative sum is a
    /// refund. The event id is the order id, so a re-import is idempotent.
    /// </summary>
    public string? Order { get; init; }

    /// <summary>Exact date format (e.g. <c>yyyyMMdd</c>); null accepts ISO-8601 and other invariant-culture forms.</summary>
    public string? DateFormat { get; init; }

    public char Delimiter { get; init; } = ',';

    public bool HasHeader { get; init; } = true;

    /// <summary>
    /// <c>merge=true</c>: consecutive rows of one customer on the same UTC calendar day, both positive, become one order
    /// (amounts summed, lines appended, the first row's event id): the CDNOW protocol's "same-day purchases count as one".
    /// Only adjacent rows merge, so the file must list a customer's rows together; returns never merge. To merge a
    /// line-item log by invoice, name the invoice column with <see cref="Order"/> instead.
    /// </summary>
    public bool MergeSameDay { get; init; }

    /// <summary>
    /// Parses <c>customer=col,date=col,amount=col|col*col,product=col,order=col,format=yyyyMMdd,delimiter=;,header=false,merge=true</c>
    /// (any subset), the form the CLI's <c>--columns</c> option takes. Throws <see cref="FormatException"/> with a one-line reason.
    /// </summary>
    public static CsvColumnMap Parse(string? spec)
    {
        var map = new CsvColumnMap();
        if (string.IsNullOrWhiteSpace(spec))
        {
            return map;
        }

        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2);
            var value = kv.Length == 2 ? kv[1] : throw new FormatException($"'{part}' is not name=value");
            map = kv[0].ToLowerInvariant() switch
            {
                "customer" => new CsvColumnMap(map) { Customer = value },
                "date" => new CsvColumnMap(map) { Date = value },
                "amount" => new CsvColumnMap(map) { Amount = AmountExpression(value) },
                "product" => new CsvColumnMap(map) { Product = value },
                "order" => new CsvColumnMap(map) { Order = value },
                "format" => new CsvColumnMap(map) { DateFormat = value },
                "delimiter" => new CsvColumnMap(map) { Delimiter = value == "tab" ? '\t' : value.Length == 1 ? value[0] : throw new FormatException($"delimiter '{value}' is not one character (or 'tab')") },
                "header" => new CsvColumnMap(map) { HasHeader = Flag(kv[0], value) },
                "merge" => new CsvColumnMap(map) { MergeSameDay = Flag(kv[0], value) },
                _ => throw new FormatException($"unknown column setting '{kv[0]}' (customer, date, amount, product, order, format, delimiter, header, merge)"),
            };
        }

        return map;
    }

    private static string AmountExpression(string value)
    {
        var factors = value.Split('*', StringSplitOptions.TrimEntries);
        return factors.Length <= 2 && factors.All(f => f.Length > 0)
            ? value
            : throw new FormatException($"amount '{value}' is not a column or a product of two columns (e.g. Quantity*UnitPrice)");
    }

    private static bool Flag(string name, string value) =>
        bool.TryParse(value, out var flag) ? flag : throw new FormatException($"{name}={value}: expected true or false");

    private CsvColumnMap(CsvColumnMap other)
    {
        Customer = other.Customer;
        Date = other.Date;
        Amount = other.Amount;
        Product = other.Product;
        Order = other.Order;
        DateFormat = other.DateFormat;
        Delimiter = other.Delimiter;
        HasHeader = other.HasHeader;
        MergeSameDay = other.MergeSameDay;
    }

    public CsvColumnMap()
    {
    }
}
