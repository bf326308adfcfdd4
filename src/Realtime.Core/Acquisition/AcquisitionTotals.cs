namespace Realtime.Core.Acquisition;

/// <summary>The counters of one pair (or the sum of a channel's pairs) gathered from the summary hash and the spend ledger.</summary>
internal sealed class AcquisitionTotals
{
    public double Customers { get; set; }

    public double Cost { get; set; }

    public double Buyers { get; set; }

    /// <summary>Revenue within each of <see cref="Lifecycle.Insights.AcquisitionKeys.ClvWindows"/>, in that order.</summary>
    public double[] WindowRevenue { get; } = new double[3];

    public Dictionary<DateOnly, double> RegistrationsByDay { get; } = [];

    public Dictionary<DateOnly, double> SpendByDay { get; } = [];

    public void AddTo(AcquisitionTotals sum)
    {
        sum.Customers += Customers;
        sum.Cost += Cost;
        sum.Buyers += Buyers;
        for (var i = 0; i < WindowRevenue.Length; i++)
        {
            sum.WindowRevenue[i] += WindowRevenue[i];
        }

        foreach (var (day, n) in RegistrationsByDay)
        {
            sum.RegistrationsByDay[day] = sum.RegistrationsByDay.GetValueOrDefault(day) + n;
        }

        foreach (var (day, amount) in SpendByDay)
        {
            sum.SpendByDay[day] = sum.SpendByDay.GetValueOrDefault(day) + amount;
        }
    }

    /// <summary>Total spend, and the customers registered on the days with spend.</summary>
    public (double Spend, double Customers) SpendAndCustomers()
    {
        double spend = 0, customers = 0;
        foreach (var (day, amount) in SpendByDay)
        {
            if (amount > 0)
            {
                spend += amount;
                customers += RegistrationsByDay.GetValueOrDefault(day);
            }
        }

        return (spend, customers);
    }
}
