using Grpc.Core;
using Grpc.Net.Client;
using Realtime.Grpc.V1;

namespace Realtime.IntegrationTests.Security;

/// <summary>One call of every RPC in proto/realtime/v1, by full method name, returning the status it ended with.</summary>
public static class RpcCalls
{
    public static readonly IReadOnlyDictionary<string, Func<GrpcChannel, Task>> All = new Dictionary<string, Func<GrpcChannel, Task>>(StringComparer.Ordinal)
    {
        ["/realtime.v1.RecommendationService/Recommend"] = c => new RecommendationService.RecommendationServiceClient(c).RecommendAsync(new RecommendRequest { Count = 3 }).ResponseAsync,
        ["/realtime.v1.CustomerService/GetProfile"] = c => new CustomerService.CustomerServiceClient(c).GetProfileAsync(new GetProfileRequest { CustomerId = "nobody" }).ResponseAsync,
        ["/realtime.v1.CustomerService/ForgetCustomer"] = c => new CustomerService.CustomerServiceClient(c).ForgetCustomerAsync(new ForgetCustomerRequest { CustomerId = "nobody" }).ResponseAsync,
        ["/realtime.v1.CustomerService/ListSegmentMembers"] = c => Drain(new CustomerService.CustomerServiceClient(c).ListSegmentMembers(new ListSegmentMembersRequest { Segment = "hero", PageSize = 10 })),
        ["/realtime.v1.ChurnService/GetChurnScore"] = c => new ChurnService.ChurnServiceClient(c).GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = "nobody" }).ResponseAsync,
        ["/realtime.v1.ChurnService/BatchGetChurnScores"] = c => new ChurnService.ChurnServiceClient(c).BatchGetChurnScoresAsync(new BatchGetChurnScoresRequest { CustomerIds = { "nobody" } }).ResponseAsync,
        ["/realtime.v1.ChurnService/StreamAtRiskCustomers"] = c => Drain(new ChurnService.ChurnServiceClient(c).StreamAtRiskCustomers(new StreamAtRiskCustomersRequest { MinScore = 0.5, PageSize = 10 })),
        ["/realtime.v1.OfferService/NextBestOffer"] = c => new OfferService.OfferServiceClient(c).NextBestOfferAsync(new NextBestOfferRequest { CustomerId = "nobody", Channel = "email" }).ResponseAsync,
        ["/realtime.v1.OfferService/ExplainOffers"] = c => new OfferService.OfferServiceClient(c).ExplainOffersAsync(new ExplainOffersRequest { CustomerId = "nobody", Channel = "email" }).ResponseAsync,
        ["/realtime.v1.OfferService/GetOfferUplift"] = c => new OfferService.OfferServiceClient(c).GetOfferUpliftAsync(new GetOfferUpliftRequest()).ResponseAsync,
        ["/realtime.v1.InsightsService/GetLifecycleSummary"] = c => new InsightsService.InsightsServiceClient(c).GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest()).ResponseAsync,
        ["/realtime.v1.InsightsService/GetAcquisitionReport"] = c => new InsightsService.InsightsServiceClient(c).GetAcquisitionReportAsync(new GetAcquisitionReportRequest()).ResponseAsync,
        ["/realtime.v1.InsightsService/ExportAudience"] = c => Drain(new InsightsService.InsightsServiceClient(c).ExportAudience(new ExportAudienceRequest { Definition = "segment=hero" })),
    };

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    /// <summary>The status a call of <paramref name="method"/> ends with (OK when it returned).</summary>
    public static async Task<StatusCode> StatusOf(string method, GrpcChannel channel)
    {
        try
        {
            await All[method](channel);
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private static async Task Drain<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        }
    }
}
