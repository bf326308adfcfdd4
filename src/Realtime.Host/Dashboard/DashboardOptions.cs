using System.ComponentModel.DataAnnotations;

namespace Realtime.Host.Dashboard;

/// <summary>The merchant dashboard on the HTTP port (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Serve the dashboard at <c>/</c> (API modes only). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a one-time login token can be redeemed, in seconds. Default 600 (10 minutes).</summary>
    [Range(10, 86_400)]
    public int LoginTokenSeconds { get; set; } = 600;

    /// <summary>How long a browser session lasts after login, in hours. Default 12.</summary>
    [Range(1, 720)]
    public int SessionHours { get; set; } = 12;

    /// <summary>Seconds between two samples of the segment sizes (the movement chart). Default 60.</summary>
    [Range(1, 3600)]
    public int HistorySampleSeconds { get; set; } = 60;

    /// <summary>Samples kept in memory per API process (oldest dropped). Default 1440 (a day at one a minute).</summary>
    [Range(2, 100_000)]
    public int HistoryPoints { get; set; } = 1440;
}
