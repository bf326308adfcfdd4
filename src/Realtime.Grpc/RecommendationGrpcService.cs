using Grpc.Core;
using Microsoft.Extensions.Options;
using Realtime.Core.Ports;
using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Grpc.V1;

namespace Realtime.Grpc;

/// <summary>
/// <c>realtime.v1.RecommendationService</c>: validates the request, reads the customer's state (one round trip, none
/// for anonymous visitors) and the item statistics the plan asks for (two round trips), ranks in process, and hands a
/// sampled impression to <see cref="IImpressionLog"/> without waiting for it.
/// </summary>
public sealed class RecommendationGrpcService(
    ICustomerStateStore states,
    IItemSignalReader signals,
    IImpressionLog impressions,
    IOptions<RecommendationOptions> options,
    TimeProvider clock,
    IRecommendationRanking? ranking = null) : RecommendationService.RecommendationServiceBase
{
    private const int MaxLabelLength = 64;
    private readonly RecommendationOptions _options = options.Value;
    private readonly IRecommendationRanking _ranking = ranking ?? BlendRanking.Instance; // the learned ranker when the host registers it

    public override async Task<RecommendResponse> Recommend(RecommendRequest request, ServerCallContext context)
    {
        var query = ToCoreRequest(request);
        var customerId = request.CustomerId.Length == 0 ? null : request.CustomerId;
        // The learned ranker reads the purchase history too: one more field of the same read, not another round trip.
        var state = customerId is null ? null
            : _ranking.ReadsHistory ? await states.GetWithHistoryAsync(customerId, context.CancellationToken)
            : await states.GetAsync(customerId, context.CancellationToken);
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        // Disposed once ranked: hands the store's lent facts map back (nothing ranked refers to it).
        using var snapshot = await signals.ReadAsync(_ranking.Plan(query, state, _options, nowMs), context.CancellationToken);
        var ranked = _ranking.Rank(query, state, snapshot, _options, nowMs);

        var response = new RecommendResponse { RequestId = Guid.CreateVersion7(now).ToString("N") };
        foreach (var r in ranked)
        {
            response.Items.Add(new RecommendedItem { ProductId = r.ProductId, Score = r.Score, Reason = r.Reason.ToWireName() });
        }

        if (Sampled())
        {
            impressions.Record(new RecommendationImpression(
                response.RequestId, customerId, query.ContextProductId, request.PageType, query.ContextCategory, ranked, now));
        }

        return response;
    }

    /// <summary>Checks every field (<c>InvalidArgument</c> naming it) and builds the core request.</summary>
    private static RecommendationRequest ToCoreRequest(RecommendRequest request)
    {
        if (request.CustomerId.Length > 0)
        {
            GrpcErrors.ValidCustomerId(request.CustomerId);
        }

        if (request.ContextProductId.Length > 0)
        {
            GrpcErrors.ValidCustomerId(request.ContextProductId, "context_product_id");
        }

        foreach (var id in request.Exclusions)
        {
            GrpcErrors.ValidCustomerId(id, "exclusions");
        }

        if (request.PageType.Length > MaxLabelLength || request.ContextCategory.Length > MaxLabelLength)
        {
            GrpcErrors.InvalidArgument($"page_type and context_category must be at most {MaxLabelLength} characters");
        }

        var core = new RecommendationRequest
        {
            ContextProductId = request.ContextProductId.Length == 0 ? null : request.ContextProductId,
            ContextCategory = request.ContextCategory.Length == 0 ? null : request.ContextCategory,
            Count = request.Count,
            Exclusions = request.Exclusions,
        };
        if (core.Problem() is { } problem)
        {
            GrpcErrors.InvalidArgument(problem);
        }

        return core;
    }

    private bool Sampled()
    {
        var rate = _options.ImpressionSampleRate;
        return rate >= 1 || (rate > 0 && Random.Shared.NextDouble() < rate);
    }
}
