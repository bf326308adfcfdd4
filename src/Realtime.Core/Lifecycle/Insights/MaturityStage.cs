namespace Realtime.Core.Lifecycle.Insights;

/// <summary>How far along a store is; drives the advised split of effort between acquisition and retention.</summary>
public enum MaturityStage
{
    JustStarted,
    GainingTraction,
    Consistent,
    Established,
    WellEstablished,
}
