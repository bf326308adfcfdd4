using System.ComponentModel.DataAnnotations;

namespace Realtime.Core.Triggers;

/// <summary>
/// Triggered communications on <c>realtime.triggers</c> (configuration section <c>Triggers</c>): which types are on,
/// their thresholds, and the contact policy (quiet hours, one budget per customer and channel shared with offers).
/// docs/lifecycle.md ("Triggered communications") explains each default.
/// </summary>
public sealed class TriggerOptions
{
    public const string SectionName = "Triggers";

    /// <summary>Master switch. Default true; false registers nothing (no index writes at ingest, no sweeper).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The topic triggers are published to. Default <c>realtime.triggers</c>.</summary>
    [Required]
    public string Topic { get; set; } = "realtime.triggers";

    /// <summary>The channel triggers are sent on (and whose budget they use). Default <c>email</c>.</summary>
    [Required]
    public string Channel { get; set; } = "email";

    /// <summary>IANA time zone of the store's customers, for send hours, quiet hours and "the same day". Default UTC.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Quiet hours start (local hour, 0–23): nothing is published from then... Default 21.</summary>
    [Range(0, 23)]
    public int QuietStartHour { get; set; } = 21;

    /// <summary>...until this local hour (0–23), when deferred triggers go out. Equal to the start = no quiet hours. Default 8.</summary>
    [Range(0, 23)]
    public int QuietEndHour { get; set; } = 8;

    /// <summary>
    /// Contacts per customer on <see cref="Channel"/> per local day, triggers and offers together. Default 1: a
    /// customer gets one message a day; the next due trigger waits for the next day.
    /// </summary>
    [Range(1, 20)]
    public int MaxContactsPerDay { get; set; } = 1;

    /// <summary>When true, an offer shown today on the channel does not count against the triggers' daily budget. Default false.</summary>
    public bool AllowSameDayAsOffer { get; set; }

    /// <summary>First-purchase anniversary.</summary>
    public AnniversaryTriggerOptions Anniversary { get; set; } = new();

    /// <summary>Birthday.</summary>
    public BirthdayTriggerOptions Birthday { get; set; } = new();

    /// <summary>Replenishment due.</summary>
    public ReplenishmentTriggerOptions Replenishment { get; set; } = new();

    /// <summary>Back in stock.</summary>
    public CatalogTriggerOptions BackInStock { get; set; } = new();

    /// <summary>Price drop.</summary>
    public PriceDropTriggerOptions PriceDrop { get; set; } = new();

    /// <summary>New product in a top category.</summary>
    public NewInCategoryTriggerOptions NewInCategory { get; set; } = new();

    /// <summary>The trigger sweeper.</summary>
    public TriggerSweepOptions Sweep { get; set; } = new();

    /// <summary>Whether <paramref name="type"/> is switched on.</summary>
    public bool IsEnabled(TriggerType type) => Enabled && type switch
    {
        TriggerType.Anniversary => Anniversary.Enabled,
        TriggerType.Birthday => Birthday.Enabled,
        TriggerType.Replenishment => Replenishment.Enabled,
        TriggerType.BackInStock => BackInStock.Enabled,
        TriggerType.PriceDrop => PriceDrop.Enabled,
        TriggerType.NewInCategory => NewInCategory.Enabled,
        _ => false,
    };

    /// <summary>The configured time zone (validated at start).</summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>Yearly triggers (section <c>Triggers:Anniversary</c>, <c>Triggers:Birthday</c>).</summary>
public class YearlyTriggerOptions
{
    /// <summary>Switch. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Local hour (0–23) of the day the trigger is due. Default 10.</summary>
    [Range(0, 23)]
    public int SendHour { get; set; } = 10;

    /// <summary>
    /// Days after the due time the trigger may still go out (deferred by quiet hours or the budget, or the engine was
    /// down); after that this year's occurrence is skipped. Default 3.
    /// </summary>
    [Range(1, 60)]
    public int MaxLateDays { get; set; } = 3;
}

/// <summary>Section <c>Triggers:Anniversary</c>: yearly on the local date of the first order.</summary>
public sealed class AnniversaryTriggerOptions : YearlyTriggerOptions;

/// <summary>Section <c>Triggers:Birthday</c>: yearly on the birthday (29 February: 28 February outside leap years).</summary>
public sealed class BirthdayTriggerOptions : YearlyTriggerOptions
{
    public BirthdayTriggerOptions() => SendHour = 9;
}

/// <summary>Section <c>Triggers:Replenishment</c>: per customer × product, from the customer's own re-purchase gaps.</summary>
public sealed class ReplenishmentTriggerOptions
{
    /// <summary>Switch. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Orders of the product needed before its rhythm is trusted. Default 2 (one gap).</summary>
    [Range(2, 100)]
    public int MinOrders { get; set; } = 2;

    /// <summary>Mean gaps shorter than this (days) are not a rhythm (two orders in a week: a forgotten item). Default 7.</summary>
    [Range(0.0, 365.0)]
    public double MinGapDays { get; set; } = 7;

    /// <summary>Days before the predicted run-out the reminder is due. Default 2 (time to order and deliver).</summary>
    [Range(0.0, 60.0)]
    public double LeadDays { get; set; } = 2;
}

/// <summary>Section <c>Triggers:BackInStock</c>: a product carted or viewed recently goes from out of stock to in stock.</summary>
public class CatalogTriggerOptions
{
    /// <summary>Switch. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Customers who carted or viewed the product in this many days are told. Default 14.</summary>
    [Range(1, 90)]
    public int LookbackDays { get; set; } = 14;

    /// <summary>
    /// Most customers told per product change (the most recent viewers first), and the size of each product's index of
    /// recent viewers. Default 500.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxCustomers { get; set; } = 500;

    /// <summary>Days a pending catalog trigger waits for the budget before it is dropped as stale. Default 3.</summary>
    [Range(1, 30)]
    public int MaxLateDays { get; set; } = 3;
}

/// <summary>Section <c>Triggers:PriceDrop</c>: as <see cref="CatalogTriggerOptions"/>, when the price falls by at least <see cref="MinDropPercent"/>.</summary>
public sealed class PriceDropTriggerOptions : CatalogTriggerOptions
{
    /// <summary>Smallest drop, in percent of the old price, that triggers. Default 10.</summary>
    [Range(0.1, 99.0)]
    public double MinDropPercent { get; set; } = 10;
}

/// <summary>Section <c>Triggers:NewInCategory</c>: a product id seen for the first time, in one of the customer's top categories.</summary>
public sealed class NewInCategoryTriggerOptions
{
    /// <summary>Switch. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many of the customer's categories (by affinity) count as "top". Default 3.</summary>
    [Range(1, 10)]
    public int TopCategories { get; set; } = 3;

    /// <summary>
    /// Most customers told per new product (the most recently active in the category first), and the size of each
    /// category's index. Default 500.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxCustomers { get; set; } = 500;

    /// <summary>Days a pending trigger waits for the budget before it is dropped. Default 3.</summary>
    [Range(1, 30)]
    public int MaxLateDays { get; set; } = 3;
}

/// <summary>Section <c>Triggers:Sweep</c>: the trigger sweeper over its due index.</summary>
public sealed class TriggerSweepOptions
{
    /// <summary>Pause between sweeps when nothing was due, in ms. Default 1000.</summary>
    [Range(10, 600_000)]
    public int IntervalMs { get; set; } = 1000;

    /// <summary>Customers claimed per sweep. Default 500.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a claimed customer stays invisible to other sweepers, in seconds. Default 30.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;
}
