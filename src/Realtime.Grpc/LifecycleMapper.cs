using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.State;
using Realtime.Grpc.V1;
using Clv = Realtime.Grpc.V1.Clv;
using Rfm = Realtime.Grpc.V1.Rfm;

namespace Realtime.Grpc;

/// <summary>Adds the lifecycle part (stage, segments, RFM, CLV) to a <c>CustomerProfile</c>, evaluated at the request's time.</summary>
internal static class LifecycleMapper
{
    public static CustomerProfile WithLifecycle(this CustomerProfile profile, CustomerState state, DateTimeOffset now, LifecycleEvaluator evaluator)
    {
        var (segments, facts) = evaluator.Evaluate(state, now);
        profile.LifecycleStage = segments.Primary.ToWire();
        profile.Segments.AddRange(segments.ToWireNames());
        if (facts.Rfm is { } rfm)
        {
            profile.Rfm = new Rfm
            {
                RecencyScore = rfm.Recency,
                FrequencyScore = rfm.Frequency,
                MonetaryScore = rfm.Monetary,
                DaysSinceLastOrder = facts.DaysSinceLastOrder ?? 0,
                Orders = state.OrderCount,
                NetRevenue = state.NetRevenue,
                Code = rfm.Code,
            };
        }

        var clv = evaluator.Clv(state, now);
        profile.Clv = new Clv
        {
            Historical = clv.Historical,
            Predicted = clv.Predicted,
            HorizonDays = evaluator.Options.ClvHorizonDays,
            PAlive = clv.ProbabilityAlive ?? 0,
            ExpectedTransactions = clv.ExpectedTransactions,
            ExpectedSpend = clv.ExpectedSpend,
            Method = clv.Method switch
            {
                ClvMethod.Model => "model",
                ClvMethod.Fallback => "fallback",
                _ => "none",
            },
        };
        return profile;
    }
}
