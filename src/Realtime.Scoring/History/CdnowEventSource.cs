using System.Globalization;
using Realtime.Core.Events;
using Realtime.Core.History;

namespace Realtime.Scoring.History;

/// <summary>
/// The CDNOW purchase log (<c>CDNOW_master.txt</c>: a header line, then whitespace-separated
/// <c>customer_id yyyymmdd number_of_cds dollar_value</c>) as <c>order_placed</c> events at midnight UTC of the date.
/// Same-day purchases of a customer become one order, the dataset's standard protocol (the file lists a customer's
/// rows together in date order). Each order carries one line, product <c>cd</c>, quantity = CDs.
/// </summary>
public sealed class CdnowEventSource(string path) : IEventSource
{
    public string Description => path;

    public IEnumerable<CustomerEvent> ReadEvents()
    {
        string? customer = null;
        DateTimeOffset day = default;
        int cds = 0;
        double dollars = 0;
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4 || !DateTimeOffset.TryParseExact(parts[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                continue; // the header, or a blank line
            }

            var id = parts[0].TrimStart('0');
            if (id == customer && at == day)
            {
                cds += int.Parse(parts[2], CultureInfo.InvariantCulture);
                dollars += double.Parse(parts[3], CultureInfo.InvariantCulture);
                continue;
            }

            if (customer is not null)
            {
                yield return Order(customer, day, cds, dollars);
            }

            (customer, day) = (id, at);
            cds = int.Parse(parts[2], CultureInfo.InvariantCulture);
            dollars = double.Parse(parts[3], CultureInfo.InvariantCulture);
        }

        if (customer is not null)
        {
            yield return Order(customer, day, cds, dollars);
        }
    }

    private static CustomerEvent Order(string customer, DateTimeOffset day, int cds, double dollars)
    {
        var quantity = Math.Max(1, cds);
        return new CustomerEvent
        {
            EventId = $"cdnow-{customer}-{day:yyyyMMdd}",
            Type = EventType.OrderPlaced,
            CustomerId = customer,
            OccurredAt = day,
            Amount = dollars,
            Lines = [new OrderLine("cd", "music", quantity, dollars / quantity)],
        };
    }
}
