using Realtime.Core.Lifecycle;
using Realtime.Core.State;

namespace Realtime.Evaluation.Offers;

/// <summary>One generated customer: state and segments as the engine sees them, plus what only the simulation knows.</summary>
public sealed class SimulatedCustomer(CustomerState state, IReadOnlySet<Segment> segments, SimulationArm arm)
{
    public CustomerState State { get; } = state;

    public IReadOnlySet<Segment> Segments { get; } = segments;

    public SimulationArm Arm { get; } = arm;

    public double? ChurnScore { get; init; }

    public double? PredictedClv { get; init; }

    /// <summary>Chance of an order without any offer in one round (hidden from the engine).</summary>
    public double OrganicOrderRate { get; init; }

    /// <summary>Net value accumulated over the simulation (organic margin plus offers' net).</summary>
    public double Value { get; set; }
}
