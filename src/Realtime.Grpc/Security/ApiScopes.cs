using Realtime.Grpc.V1;

namespace Realtime.Grpc.Security;

/// <summary>
/// The scope each RPC requires. Every method of every service in <c>proto/realtime/v1</c> is listed; mapping a service
/// with a method missing here fails at start-up (fail closed), and a test checks the table against the descriptors.
/// </summary>
public static class ApiScopes
{
    public const string RecommendationsRead = "recommendations:read";
    public const string ProfilesRead = "profiles:read";
    public const string ChurnRead = "churn:read";
    public const string OffersDecide = "offers:decide";
    public const string InsightsRead = "insights:read";
    public const string CustomersErase = "customers:erase";

    /// <summary>Reading <c>/metrics</c> on the HTTP port (unless <c>Api:Auth:MetricsOpen</c>).</summary>
    public const string MetricsRead = "metrics:read";

    /// <summary>Every scope a credential can carry. (No RPC changes models: promotion is a CLI verb, so there is no <c>models:admin</c>.)</summary>
    public static readonly IReadOnlyList<string> All = [RecommendationsRead, ProfilesRead, ChurnRead, OffersDecide, InsightsRead, CustomersErase, MetricsRead];

    /// <summary>Required scope by gRPC method full name (<c>/package.Service/Method</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> ByMethod = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Method(RecommendationService.Descriptor, "Recommend")] = RecommendationsRead,
        [Method(CustomerService.Descriptor, "GetProfile")] = ProfilesRead,
        [Method(CustomerService.Descriptor, "ListSegmentMembers")] = ProfilesRead,
        [Method(CustomerService.Descriptor, "ForgetCustomer")] = CustomersErase,
        [Method(ChurnService.Descriptor, "GetChurnScore")] = ChurnRead,
        [Method(ChurnService.Descriptor, "BatchGetChurnScores")] = ChurnRead,
        [Method(ChurnService.Descriptor, "StreamAtRiskCustomers")] = ChurnRead,
        [Method(OfferService.Descriptor, "NextBestOffer")] = OffersDecide,
        [Method(OfferService.Descriptor, "ExplainOffers")] = OffersDecide,
        [Method(OfferService.Descriptor, "GetOfferUplift")] = OffersDecide,
        [Method(InsightsService.Descriptor, "GetLifecycleSummary")] = InsightsRead,
        [Method(InsightsService.Descriptor, "GetAcquisitionReport")] = InsightsRead,
        [Method(InsightsService.Descriptor, "ExportAudience")] = InsightsRead,
    };

    /// <summary>Parses a comma- or space-separated scope list (config, the <c>scope</c> claim).</summary>
    public static string[] Parse(string? list) =>
        (list ?? "").Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Method(Google.Protobuf.Reflection.ServiceDescriptor service, string name) =>
        $"/{service.FullName}/{service.FindMethodByName(name)?.Name ?? throw new InvalidOperationException($"{service.FullName} has no method {name}")}";
}
