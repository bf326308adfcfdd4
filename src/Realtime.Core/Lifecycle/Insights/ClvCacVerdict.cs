namespace Realtime.Core.Lifecycle.Insights;

/// <summary>Reading of a CLV:CAC ratio.</summary>
public enum ClvCacVerdict
{
    /// <summary>No acquisition cost recorded: the ratio is undefined.</summary>
    Unknown,

    /// <summary>Below 1: each customer costs more to acquire than it brings.</summary>
    LosingMoney,

    /// <summary>1 to 2.5: recovers its cost, but thin once fulfilment and overheads are paid.</summary>
    Thin,

    /// <summary>2.5 to 5: the usual target, around 3.</summary>
    Healthy,

    /// <summary>Above 5: acquisition is probably under-funded; the channel could take more spend.</summary>
    UnderInvesting,
}
