using Grpc.Core;
using Realtime.Application.Offers;
using Realtime.Core.Events;
using Realtime.Grpc.V1;

namespace Realtime.Grpc;

/// <summary>
/// <c>realtime.v1.OfferService</c>: validates the request, lets <see cref="OfferAdvisor"/> decide, translates.
/// An unknown customer is NOT_FOUND (as in <c>GetProfile</c>): a typo in an id must not look like a decision; a
/// storefront with an anonymous visitor simply shows no personal offer.
/// </summary>
public sealed class OfferGrpcService(OfferAdvisor advisor) : OfferService.OfferServiceBase
{
    public override async Task<NextBestOfferResponse> NextBestOffer(NextBestOfferRequest request, ServerCallContext context)
    {
        var (id, channel) = Validate(request.CustomerId, request.Channel);
        var advice = await advisor.DecideAsync(id, channel, context.CancellationToken);
        if (advice is null)
        {
            GrpcErrors.NotFound($"customer '{id}' is unknown");
        }

        return OfferMapper.ToResponse(advice);
    }

    public override async Task<ExplainOffersResponse> ExplainOffers(ExplainOffersRequest request, ServerCallContext context)
    {
        var (id, channel) = Validate(request.CustomerId, request.Channel);
        var advice = await advisor.ExplainAsync(id, channel, context.CancellationToken);
        if (advice is null)
        {
            GrpcErrors.NotFound($"customer '{id}' is unknown");
        }

        return OfferMapper.ToExplanation(advice);
    }

    public override async Task<GetOfferUpliftResponse> GetOfferUplift(GetOfferUpliftRequest request, ServerCallContext context) =>
        OfferMapper.ToUplift(await advisor.UpliftAsync(context.CancellationToken), advisor.Catalog.Version);

    private (string Id, string Channel) Validate(string customerId, string channel)
    {
        var id = GrpcErrors.ValidCustomerId(customerId);
        var known = advisor.Catalog.Channels;
        if (string.IsNullOrEmpty(channel) || !known.Contains(channel))
        {
            GrpcErrors.InvalidArgument($"channel: '{EventLimits.Quote(channel)}' is not a channel of the offer catalog (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
        }

        return (id, channel);
    }
}
