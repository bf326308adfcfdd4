using Grpc.Core;
using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;
using Realtime.Core.State;
using Realtime.Grpc.V1;

namespace Realtime.Grpc;

/// <summary><c>realtime.v1.ChurnService</c>: churn risk scored in process at request time, against now.</summary>
public sealed class ChurnGrpcService(
    ICustomerStateStore store,
    IChurnModel model,
    LifecycleEvaluator evaluator,
    TimeProvider clock) : ChurnService.ChurnServiceBase
{
    public const int MaxBatch = 1000;
    private const int DefaultTopFeatures = 3;

    public override async Task<ChurnScore> GetChurnScore(GetChurnScoreRequest request, ServerCallContext context)
    {
        var id = GrpcErrors.ValidCustomerId(request.CustomerId);
        var top = request.HasTopFeatures ? request.TopFeatures : DefaultTopFeatures;
        if (top is < 0 or > 10)
        {
            GrpcErrors.InvalidArgument("top_features must be 0 to 10");
        }

        var state = await store.GetAsync(id, context.CancellationToken);
        if (state is null)
        {
            GrpcErrors.NotFound($"customer '{id}' is unknown");
        }

        return ToMessage(state, model.Assess(state, clock.GetUtcNow(), top));
    }

    public override async Task<BatchGetChurnScoresResponse> BatchGetChurnScores(BatchGetChurnScoresRequest request, ServerCallContext context)
    {
        if (request.CustomerIds.Count is 0 or > MaxBatch)
        {
            GrpcErrors.InvalidArgument($"customer_ids must hold 1 to {MaxBatch} ids");
        }

        for (var i = 0; i < request.CustomerIds.Count; i++)
        {
            GrpcErrors.ValidCustomerId(request.CustomerIds[i], $"customer_ids[{i}]");
        }

        var states = await store.LoadAsync(request.CustomerIds.Distinct(StringComparer.Ordinal).ToList(), context.CancellationToken);
        var now = clock.GetUtcNow();
        var response = new BatchGetChurnScoresResponse { ModelVersion = model.Version };
        foreach (var id in request.CustomerIds)
        {
            response.Scores.Add(states.TryGetValue(id, out var state)
                ? ToMessage(state, model.Assess(state, now, 0))
                : new ChurnScore { CustomerId = id, Found = false, ModelVersion = model.Version });
        }

        return response;
    }

    public override async Task StreamAtRiskCustomers(StreamAtRiskCustomersRequest request, IServerStreamWriter<AtRiskPage> responseStream, ServerCallContext context)
    {
        if (request.MinScore is < 0 or > 1 || double.IsNaN(request.MinScore))
        {
            GrpcErrors.InvalidArgument("min_score must be within 0 to 1");
        }

        var pageSize = request.PageSize == 0 ? 1000 : request.PageSize;
        if (pageSize is < 1 or > 10_000)
        {
            GrpcErrors.InvalidArgument("page_size must be 1 to 10000");
        }

        Segment? segment = null;
        if (!string.IsNullOrEmpty(request.Segment))
        {
            if (!SegmentNames.TryParse(request.Segment, out var parsed))
            {
                GrpcErrors.InvalidArgument($"unknown segment '{EventLimits.Quote(request.Segment)}'");
            }

            segment = parsed;
        }

        await foreach (var page in store.ScanAsync(pageSize, context.CancellationToken))
        {
            var now = clock.GetUtcNow();
            var message = new AtRiskPage { ModelVersion = model.Version };
            foreach (var state in page)
            {
                // One model evaluation per customer: the segment filter takes the score this assessment already holds.
                var assessment = model.Assess(state, now, 0);
                if (segment is { } wanted && !evaluator.Evaluate(state, now, assessment.SegmentScore).Segments.Contains(wanted))
                {
                    continue;
                }

                if (assessment.Score >= request.MinScore)
                {
                    message.Customers.Add(ToMessage(state, assessment));
                }
            }

            if (message.Customers.Count > 0)
            {
                await responseStream.WriteAsync(message, context.CancellationToken);
            }
        }
    }

    private static ChurnScore ToMessage(CustomerState state, ChurnAssessment a)
    {
        var message = new ChurnScore { CustomerId = state.CustomerId, Score = a.Score, RiskBand = a.Band, ModelVersion = a.ModelVersion, Found = true };
        foreach (var f in a.TopFeatures)
        {
            message.TopFeatures.Add(new FeatureContribution { Name = f.Name, Value = f.Value, Contribution = f.Contribution });
        }

        return message;
    }
}
