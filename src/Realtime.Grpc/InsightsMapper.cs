using Google.Protobuf.WellKnownTypes;
using Realtime.Core.Lifecycle.Insights;

namespace Realtime.Grpc;

/// <summary>Translates the core's <see cref="LifecycleSummary"/> into the <c>realtime.v1.LifecycleSummary</c> message.</summary>
internal static class InsightsMapper
{
    public static V1.LifecycleSummary ToProto(LifecycleSummary s, DateTimeOffset now)
    {
        var reply = new V1.LifecycleSummary
        {
            At = Timestamp.FromDateTimeOffset(now),
            Customers = s.Customers,
            Buyers = s.Buyers,
            Overall = ToProto(s.Overall),
            Maturity = new V1.Maturity
            {
                Stage = s.Maturity.StageName,
                RecommendedRetentionShare = s.Maturity.RecommendedRetentionShare,
                SalesPerDay = s.Maturity.SalesPerDay,
                StoreAgeDays = s.Maturity.StoreAgeDays,
            },
        };
        reply.Segments.AddRange(s.SegmentSizes.Select(kv => new V1.SegmentSize { Segment = kv.Key, Customers = kv.Value }));
        reply.ReturningRevenueShare.Add(Share(30, s.ReturningRevenueShare30));
        reply.ReturningRevenueShare.Add(Share(90, s.ReturningRevenueShare90));
        reply.ReturningRevenueShare.Add(Share(365, s.ReturningRevenueShare365));
        reply.Channels.AddRange(s.Channels.Select(ToProto));
        reply.Weeks.AddRange(s.Weeks.Select(w => new V1.WeeklyCustomers { Week = w.Week, NewCustomers = w.New, ReturningCustomers = w.Returning }));
        reply.Funnel = ToProto(s.Funnel);
        return reply;
    }

    private static V1.OnboardingFunnel ToProto(OnboardingFunnel f)
    {
        var window = f.SecondPurchaseWindow;
        var reply = new V1.OnboardingFunnel
        {
            Overall = ToProto(f.Overall),
            SecondPurchaseWindow = new V1.SecondPurchaseWindow
            {
                StartDays = window.StartDays,
                EndDays = window.EndDays,
                FirstTimeBuyers = window.FirstTimeBuyers,
                InWindow = window.InWindow,
            },
        };
        if (window.Share is { } share)
        {
            reply.SecondPurchaseWindow.Share = share;
        }

        reply.Channels.AddRange(f.Channels.Select(ToProto));
        reply.Cohorts.AddRange(f.Cohorts.Select(ToProto));
        return reply;
    }

    private static V1.FunnelRow ToProto(FunnelRow r)
    {
        var row = new V1.FunnelRow { Key = r.Key, Entered = r.Entered, FirstOrder = r.FirstOrder, SecondOrder = r.SecondOrder, ThirdOrder = r.ThirdOrder };
        if (r.FirstOrderRate is { } first)
        {
            row.FirstOrderRate = first;
        }

        if (r.SecondOrderRate is { } second)
        {
            row.SecondOrderRate = second;
        }

        if (r.ThirdOrderRate is { } third)
        {
            row.ThirdOrderRate = third;
        }

        if (r.MedianDaysToFirstOrder is { } d1)
        {
            row.MedianDaysToFirstOrder = d1;
        }

        if (r.MedianDaysToSecondOrder is { } d2)
        {
            row.MedianDaysToSecondOrder = d2;
        }

        if (r.MedianDaysToThirdOrder is { } d3)
        {
            row.MedianDaysToThirdOrder = d3;
        }

        return row;
    }

    private static V1.RevenueShare Share(int days, double? share)
    {
        var r = new V1.RevenueShare { Days = days };
        if (share is { } v)
        {
            r.ReturningShare = v;
        }

        return r;
    }

    private static V1.ChannelEconomics ToProto(ChannelEconomics c)
    {
        var r = new V1.ChannelEconomics
        {
            Channel = c.Channel,
            Customers = c.Customers,
            AcquisitionCost = c.AcquisitionCost,
            NetRevenue = c.NetRevenue,
            Clv = c.Clv,
            Verdict = Verdict(c.Verdict),
            AverageCac = c.AverageCac,
            AverageClv = c.AverageClv,
        };
        if (c.ClvToCac is { } ratio)
        {
            r.ClvToCac = ratio;
        }

        return r;
    }

    private static string Verdict(ClvCacVerdict v) => v switch
    {
        ClvCacVerdict.LosingMoney => "losing_money",
        ClvCacVerdict.Thin => "thin",
        ClvCacVerdict.Healthy => "healthy",
        ClvCacVerdict.UnderInvesting => "under_investing",
        _ => "unknown",
    };
}
