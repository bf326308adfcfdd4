using System.Globalization;
using Realtime.Core.Events;

namespace Realtime.Scoring.Tests;

/// <summary>Writes the orders of a generated history as CSV transaction logs (<c>customer,date,amount</c>), as a store export would.</summary>
internal static class OrderCsv
{
    public const string Header = "customer,date,amount";

    /// <summary>One file per day with orders, <c>orders-yyyy-MM-dd.csv</c>, in <paramref name="folder"/>; returns how many orders.</summary>
    public static int WriteDaily(string folder, IEnumerable<CustomerEvent> events, string customerPrefix = "")
    {
        Directory.CreateDirectory(folder);
        var orders = events.Where(e => e.Type == EventType.OrderPlaced).ToList();
        foreach (var day in orders.GroupBy(e => e.OccurredAt.UtcDateTime.Date))
        {
            File.WriteAllLines(
                Path.Combine(folder, $"orders-{day.Key:yyyy-MM-dd}.csv"),
                [Header, .. day.OrderBy(e => e.OccurredAt).Select(e => Row(e, customerPrefix))]);
        }

        return orders.Count;
    }

    /// <summary>All orders in one file.</summary>
    public static string WriteOne(string path, IEnumerable<CustomerEvent> events, string customerPrefix = "")
    {
        File.WriteAllLines(path, [Header, .. events.Where(e => e.Type == EventType.OrderPlaced).OrderBy(e => e.OccurredAt).Select(e => Row(e, customerPrefix))]);
        return path;
    }

    private static string Row(CustomerEvent e, string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{e.CustomerId},{e.OccurredAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{e.Amount:0.00}");
}
