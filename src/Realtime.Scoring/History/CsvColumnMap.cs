namespace Realtime.Scoring.History;

/// <summary>
/// Which columns of a transaction CSV hold what. Columns are named by header (case-insensitive) or, for files without a
/// header, by zero-based index written as a number (<c>"0"</c>). Defaults read <c>customer,date,amount[,product]</c>.
/// </summary>
public sealed class CsvColumnMap
{
    public string Customer { get; init; } = "customer";

    public string Date { get; init; } = "date";

    public string Amount { get; init; } = "amount";

    /// <summary>Optional product column; when set, each row becomes a one-line order for that product.</summary>
    public string? Product { get; init; }

    /// <summary>Exact date format (e.g. <c>yyyyMMdd</c>); null accepts ISO-8601 and other invariant-culture forms.</summary>
    public string? DateFormat { get; init; }

    public char Delimiter { get; init; } = ',';

    public bool HasHeader { get; init; } = true;

    /// <summary>
    /// Rows of one customer on the same day become one order (the CDNOW protocol's "same-day purchases count as one").
    /// Requires the file to list a customer's rows together in date order, as exports usually do.
    /// </summary>
    public bool MergeSameDay { get; init; }

    /// <summary>
    /// Parses <c>customer=col,date=col,amount=col,product=col,format=yyyyMMdd,delimiter=;,header=false,merge=true</c>
    /// (any subset), the form the CLI's <c>--columns</c> option takes.
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
                "amount" => new CsvColumnMap(map) { Amount = value },
                "product" => new CsvColumnMap(map) { Product = value },
                "format" => new CsvColumnMap(map) { DateFormat = value },
                "delimiter" => new CsvColumnMap(map) { Delimiter = value == "tab" ? '\t' : value[0] },
                "header" => new CsvColumnMap(map) { HasHeader = bool.Parse(value) },
                "merge" => new CsvColumnMap(map) { MergeSameDay = bool.Parse(value) },
                _ => throw new FormatException($"unknown column setting '{kv[0]}' (customer, date, amount, product, format, delimiter, header, merge)"),
            };
        }

        return map;
    }

    private CsvColumnMap(CsvColumnMap other)
    {
        Customer = other.Customer;
        Date = other.Date;
        Amount = other.Amount;
        Product = other.Product;
        DateFormat = other.DateFormat;
        Delimiter = other.Delimiter;
        HasHeader = other.HasHeader;
        MergeSameDay = other.MergeSameDay;
    }

    public CsvColumnMap()
    {
    }
}
