using Google.Protobuf.WellKnownTypes;
using Realtime.Application.Offers;
using Realtime.Core.Offers;
using Realtime.Grpc.V1;

namespace Realtime.Grpc;

/// <summary>Core offer decisions to the <c>realtime.v1.OfferService</c> messages.</summary>
internal static class OfferMapper
{
    public static NextBestOfferResponse ToResponse(OfferAdvice advice)
    {
        var (published, signals, currency) = advice;
        var d = published.Decision;
        var chosen = d.Alternatives.FirstOrDefault(a => a.Verdict == OfferVerdict.Chosen);
        var response = new NextBestOfferResponse
        {
            DecisionId = published.DecisionId,
            CustomerId = d.CustomerId,
            OfferId = d.OfferId,
            Kind = d.IsNone ? string.Empty : chosen?.Kind.ToWire() ?? string.Empty,
            Channel = d.Channel,
            ExpectedValue = d.ExpectedValue,
            Holdout = d.Holdout,
            WouldHaveOfferId = d.WouldHaveOfferId,
            CatalogVersion = d.CatalogVersion,
            ModelVersion = signals.ModelVersion,
            DecidedAt = Timestamp.FromDateTimeOffset(d.DecidedAt),
            Currency = currency,
        };
        response.Reasons.Add(d.Reason);
        if (chosen is not null)
        {
            response.Reasons.Add(chosen.Reason);
        }

        response.Segments.Add(published.Segments);
        response.Alternatives.Add(d.Alternatives.Select(ToAlternative));
        return response;
    }

    public static ExplainOffersResponse ToExplanation(OfferAdvice advice)
    {
        var (published, signals, _) = advice;
        var d = published.Decision;
        var response = new ExplainOffersResponse
        {
            CustomerId = d.CustomerId,
            Channel = d.Channel,
            CatalogVersion = d.CatalogVersion,
            BestOfferId = d.WouldHaveOfferId,
            Holdout = d.Holdout,
            ModelVersion = signals.ModelVersion,
            Reason = d.Reason,
        };
        if (signals.ChurnScore is { } churn)
        {
            response.ChurnScore = churn;
        }

        if (signals.PredictedClv is { } clv)
        {
            response.PredictedClv = clv;
        }

        response.Segments.Add(published.Segments);
        response.Offers.Add(d.Alternatives.Select(ToAlternative));
        return response;
    }

    public static GetOfferUpliftResponse ToUplift(IReadOnlyList<UpliftEstimate> estimates, string catalogVersion)
    {
        var response = new GetOfferUpliftResponse { CatalogVersion = catalogVersion };
        response.Offers.Add(estimates.Select(e => new OfferUpliftEstimate
        {
            OfferId = e.OfferId,
            Treated = e.Counts.Treated,
            TreatedConverted = e.Counts.TreatedConverted,
            Holdout = e.Counts.Holdout,
            HoldoutConverted = e.Counts.HoldoutConverted,
            TreatedRate = e.TreatedRate,
            HoldoutRate = e.HoldoutRate,
            Uplift = e.Uplift,
            Low = e.Low,
            High = e.High,
            Significant = e.Significant,
        }));
        return response;
    }

    private static OfferAlternative ToAlternative(OfferCandidate c)
    {
        var alternative = new OfferAlternative
        {
            OfferId = c.OfferId,
            Kind = c.Kind.ToWire(),
            Verdict = c.Verdict.ToWire(),
            Reason = c.Reason,
            SegmentKey = c.SegmentKey,
        };
        if (c.AcceptProbability is { } p)
        {
            alternative.AcceptProbability = p;
        }

        if (c.ValueIfAccepted is { } value)
        {
            alternative.ValueIfAccepted = value;
        }

        if (c.CostIfAccepted is { } cost)
        {
            alternative.CostIfAccepted = cost;
        }

        if (c.ExpectedValue is { } expected)
        {
            alternative.ExpectedValue = expected;
        }

        return alternative;
    }
}
