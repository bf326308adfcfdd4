using Google.Protobuf.WellKnownTypes;
using Realtime.Core.Acquisition;

namespace Realtime.Grpc;

/// <summary>Translates the core's <see cref="AcquisitionReport"/> into the <c>realtime.v1.AcquisitionReport</c> message.</summary>
internal static class AcquisitionMapper
{
    public static V1.AcquisitionReport ToProto(AcquisitionReport r, double targetClvToCac, DateTimeOffset now)
    {
        var reply = new V1.AcquisitionReport
        {
            At = Timestamp.FromDateTimeOffset(now),
            Maturity = new V1.Maturity
            {
                Stage = r.Maturity.StageName,
                RecommendedRetentionShare = r.Maturity.RecommendedRetentionShare,
                SalesPerDay = r.Maturity.SalesPerDay,
                StoreAgeDays = r.Maturity.StoreAgeDays,
            },
            PaybackLimitMonths = r.PaybackLimitMonths,
            Predicted = r.Predicted,
        };
        reply.Channels.AddRange(r.Channels.Select(c => ToProto(c, targetClvToCac)));
        reply.Campaigns.AddRange(r.Campaigns.Select(c => ToProto(c, targetClvToCac)));
        foreach (var c in r.Cohorts)
        {
            var row = new V1.CohortRow { Month = c.Month, Customers = c.Customers };
            row.CumulativeRevenuePerCustomer.AddRange(c.CumulativeRevenuePerCustomer);
            reply.Cohorts.Add(row);
        }

        return reply;
    }

    private static V1.AcquisitionRow ToProto(AcquisitionRow r, double target)
    {
        var row = new V1.AcquisitionRow
        {
            Channel = r.Channel,
            Campaign = r.Campaign ?? string.Empty,
            NewCustomers = r.NewCustomers,
            Buyers = r.Buyers,
            Spend = r.Spend,
            SpendCustomers = r.SpendCustomers,
            CacSource = r.CacSource,
            TargetClvToCac = target,
            Advice = new V1.BudgetAdvice { Action = r.Advice.Action, Reason = r.Advice.Reason },
        };
        if (r.Cac is { } cac)
        {
            row.Cac = cac;
        }

        if (r.FirstOrderConversion is { } conversion)
        {
            row.FirstOrderConversion = conversion;
        }

        if (r.ClvToCac is { } ratio)
        {
            row.ClvToCac = ratio;
        }

        if (r.PaybackMonths is { } payback)
        {
            row.PaybackMonths = payback;
        }

        row.Clv.AddRange(r.Clv.Select(w => new V1.ClvWindow { Days = w.Days, Historical = w.Historical, Predicted = w.Predicted, Total = w.Total }));
        return row;
    }
}
