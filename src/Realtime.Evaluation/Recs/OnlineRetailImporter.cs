using System.Globalization;
using Realtime.Core.Events;

namespace Realtime.Evaluation.Recs;

/// <summary>
/// UCI Online Retail (by-day CSV files) → events: one <c>order_placed</c> per invoice, <c>order_returned</c> for
/// 'C' invoices, and a <c>product_upserted</c> the first time a product appears. Rows without a CustomerID become
/// guest orders (item statistics only). Non-product codes (postage, fees, manual adjustments) are dropped.
/// </summary>
public static class OnlineRetailImporter
{
    /// <summary>Reads every <c>by-day/*.csv</c> under <paramref name="folder"/> (the dataset folder).</summary>
    public static List<CustomerEvent> Load(string folder)
    {
        var dayDir = Path.Combine(folder, "by-day");
        var files = Directory.GetFiles(Directory.Exists(dayDir) ? dayDir : folder, "*.csv");
        Array.Sort(files, StringComparer.Ordinal);

        var events = new List<CustomerEvent>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var invoices = new Dictionary<string, Invoice>(StringComparer.Ordinal);
            var order = new List<Invoice>();
            using var rows = DelimitedFile.Open(file, ',', hasHeaders: true);
            while (rows.Read())
            {
                if (rows.RowFieldCount < 8 || !IsProduct(rows.GetString(1)))
                {
                    continue;
                }

                var invoiceNo = rows.GetString(0);
                var cancelled = invoiceNo.StartsWith('C');
                var quantity = int.Parse(rows.GetString(3), CultureInfo.InvariantCulture);
                var price = double.Parse(rows.GetString(5), CultureInfo.InvariantCulture);
                if (price <= 0 || quantity == 0 || (!cancelled && quantity < 0))
                {
                    continue;
                }

                if (!invoices.TryGetValue(invoiceNo, out var invoice))
                {
                    var at = DateTimeOffset.Parse(rows.GetString(4) + "Z", CultureInfo.InvariantCulture);
                    var customerId = rows.GetString(6);
                    var customer = customerId.Length == 0 ? "guest-" + invoiceNo : customerId.Split('.')[0];
                    invoices[invoiceNo] = invoice = new Invoice(invoiceNo, customer, at, cancelled);
                    order.Add(invoice);
                }

                var product = rows.GetString(1).ToUpperInvariant();
                var category = ProductCategory.FromDescription(rows.GetString(2));
                if (known.Add(product))
                {
                    events.Add(new CustomerEvent
                    {
                        EventId = "upsert-" + product,
                        Type = EventType.ProductUpserted,
                        CustomerId = string.Empty,
                        OccurredAt = invoice.At,
                        ProductId = product,
                        Category = category,
                        Price = price,
                    });
                }

                invoice.Add(product, category, Math.Abs(quantity), price);
            }

            foreach (var invoice in order)
            {
                events.Add(invoice.ToEvent());
            }
        }

        // Stable: an upsert stays before the first order that carries its product.
        return [.. events.OrderBy(e => e.OccurredAt)];
    }

    /// <summary>Real products have codes starting with five digits (85123A, 22423); POST, M, DOT, gift_... are not.</summary>
    private static bool IsProduct(string code) =>
        code.Length >= 5 && code.AsSpan(0, 5).IndexOfAnyExceptInRange('0', '9') < 0;

    private sealed class Invoice(string number, string customer, DateTimeOffset at, bool cancelled)
    {
        private readonly List<OrderLine> _lines = [];

        public DateTimeOffset At => at;

        public void Add(string product, string category, int quantity, double price)
        {
            var i = _lines.FindIndex(l => l.ProductId == product);
            if (i >= 0)
            {
                _lines[i] = _lines[i] with { Quantity = _lines[i].Quantity + quantity };
            }
            else
            {
                _lines.Add(new OrderLine(product, category, quantity, price));
            }
        }

        public CustomerEvent ToEvent() => new()
        {
            EventId = "invoice-" + number,
            Type = cancelled ? EventType.OrderReturned : EventType.OrderPlaced,
            CustomerId = customer,
            OccurredAt = at,
            OrderId = number,
            Lines = _lines,
            Amount = _lines.Sum(l => l.Quantity * l.UnitPrice),
            Currency = "GBP",
        };
    }
}
