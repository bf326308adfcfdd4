namespace Realtime.Core.Audiences;

/// <summary>What an audience condition tests.</summary>
public enum AudienceField
{
    /// <summary><c>segment=&lt;name&gt;</c>: a member of the segment now.</summary>
    Segment,

    /// <summary><c>clv&gt;=&lt;amount&gt;</c>: predicted 365-day CLV at least the amount.</summary>
    MinClv,

    /// <summary><c>clv_top_percent=&lt;p&gt;</c>: predicted CLV among the top p% of all customers.</summary>
    ClvTopPercent,

    /// <summary><c>channel=&lt;name&gt;</c>: acquired through the channel (normalised).</summary>
    Channel,

    /// <summary><c>country=&lt;code&gt;</c>: the ISO 3166-1 alpha-2 country.</summary>
    Country,
}
