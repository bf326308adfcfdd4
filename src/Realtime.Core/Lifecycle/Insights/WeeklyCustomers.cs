namespace Realtime.Core.Lifecycle.Insights;

/// <summary>Customers who placed their first order, and distinct repeat buyers, in one ISO week.</summary>
public sealed record WeeklyCustomers(string Week, double New, double Returning);
