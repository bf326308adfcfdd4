using System.Net.Http.Headers;
using System.Text;
using Google.Api;
using Realtime.Grpc.V1;

namespace Realtime.IntegrationTests.Http;

/// <summary>One HTTP/JSON call of every RPC in proto/realtime/v1, by gRPC full method name, as a user would type it with curl.</summary>
public static class HttpCalls
{
    public static readonly IReadOnlyDictionary<string, (HttpMethod Method, string Path, string? Body)> All =
        new Dictionary<string, (HttpMethod, string, string?)>(StringComparer.Ordinal)
        {
            ["/realtime.v1.RecommendationService/Recommend"] = (HttpMethod.Get, "/v1/recommendations?count=3", null),
            ["/realtime.v1.CustomerService/GetProfile"] = (HttpMethod.Get, "/v1/customers/nobody/profile", null),
            ["/realtime.v1.CustomerService/ForgetCustomer"] = (HttpMethod.Delete, "/v1/customers/nobody", null),
            ["/realtime.v1.CustomerService/ListSegmentMembers"] = (HttpMethod.Get, "/v1/segments/hero/members?page_size=10", null),
            ["/realtime.v1.ChurnService/GetChurnScore"] = (HttpMethod.Get, "/v1/customers/nobody/churn", null),
            ["/realtime.v1.ChurnService/BatchGetChurnScores"] = (HttpMethod.Post, "/v1/churn:batchGet", """{"customer_ids":["nobody"]}"""),
            ["/realtime.v1.ChurnService/StreamAtRiskCustomers"] = (HttpMethod.Get, "/v1/churn/at-risk?min_score=0.5&page_size=10", null),
            ["/realtime.v1.OfferService/NextBestOffer"] = (HttpMethod.Post, "/v1/customers/nobody/offers:decide", """{"channel":"email"}"""),
            ["/realtime.v1.OfferService/ExplainOffers"] = (HttpMethod.Get, "/v1/customers/nobody/offers:explain?channel=email", null),
            ["/realtime.v1.OfferService/GetOfferUplift"] = (HttpMethod.Get, "/v1/offers/uplift", null),
            ["/realtime.v1.InsightsService/GetLifecycleSummary"] = (HttpMethod.Get, "/v1/insights/lifecycle", null),
            ["/realtime.v1.InsightsService/GetAcquisitionReport"] = (HttpMethod.Get, "/v1/insights/acquisition", null),
            ["/realtime.v1.InsightsService/ExportAudience"] = (HttpMethod.Post, "/v1/insights/audiences:export", """{"definition":"segment=hero"}"""),
        };

    /// <summary>Every service of proto/realtime/v1 that callers use (events.proto has none).</summary>
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor[] Services =
        [CustomerService.Descriptor, ChurnService.Descriptor, OfferService.Descriptor, InsightsService.Descriptor, RecommendationService.Descriptor];

    /// <summary>The <c>google.api.http</c> rule of a method, or null.</summary>
    public static HttpRule? RuleOf(Google.Protobuf.Reflection.MethodDescriptor method) => method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);

    public static HttpRequestMessage Request(string method, string? bearer)
    {
        var (verb, path, body) = All[method];
        var request = new HttpRequestMessage(verb, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }
}
