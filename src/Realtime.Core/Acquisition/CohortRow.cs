namespace Realtime.Core.Acquisition;

/// <summary>
/// One acquisition cohort (customers registered in a UTC calendar month): cumulative net revenue per customer by
/// calendar months since that month (index 0 = the registration month), up to the current month.
/// </summary>
public sealed record CohortRow(string Month, double Customers, IReadOnlyList<double> CumulativeRevenuePerCustomer);
