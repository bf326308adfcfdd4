using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.State;

namespace Realtime.Core.Audiences;

/// <summary>Builds a customer's membership facts and exported traits from its state, at one instant.</summary>
public static class AudienceTraits
{
    /// <summary>Top categories exported per member.</summary>
    public const int TopCategories = 3;

    public static AudienceFacts Facts(CustomerState state, SegmentSet segments, ClvEstimate clv) =>
        new(segments, clv.Predicted, CounterKeys.Channel(state.AcquisitionChannel), state.Country);

    public static AudienceMember Member(CustomerState state, SegmentSet segments, ClvEstimate clv, DateTimeOffset now, AudienceOptions options)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var categories = state.Categories
            .OrderByDescending(c => Decay.ScoreAt(c, nowMs))
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .Take(TopCategories)
            .Select(c => c.Category)
            .ToList();
        var band = state.OrderCount == 0 ? "none"
            : state.AverageOrderValue < options.AovLowBelow ? "low"
            : state.AverageOrderValue >= options.AovHighFrom ? "high"
            : "mid";
        return new AudienceMember(
            state.CustomerId, state.EmailSha256, state.Country, CounterKeys.Channel(state.AcquisitionChannel), categories, band,
            clv.Predicted, clv.Total, segments.ToWireNames());
    }
}
