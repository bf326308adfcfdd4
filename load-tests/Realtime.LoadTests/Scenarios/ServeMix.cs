using Grpc.Net.Client;
using Realtime.Grpc.V1;

namespace Realtime.LoadTests.Scenarios;

/// <summary>One gRPC method in the serving mix: its result-line name, relative weight and how to call it.</summary>
internal sealed record ServeCall(string Name, double Weight, Func<ApiClients, string, CancellationToken, Task> Invoke);

/// <summary>The clients of one HTTP/2 connection.</summary>
internal sealed class ApiClients(GrpcChannel channel)
{
    public CustomerService.CustomerServiceClient Customers { get; } = new(channel);

    public ChurnService.ChurnServiceClient Churn { get; } = new(channel);

    public OfferService.OfferServiceClient Offers { get; } = new(channel);

    public RecommendationService.RecommendationServiceClient Recommendations { get; } = new(channel);
}

/// <summary>
/// The request mix of the serve scenario. Adding a method (Recommend, GetChurnScore, NextBestOffer as they land) is one
/// line here: its name becomes <c>serve_&lt;name&gt;_p99</c> and friends, weights are relative.
/// </summary>
internal static class ServeMix
{
    public static readonly ServeCall[] Calls =
    [
        new("recommend", 0.4, (c, id, ct) => c.Recommendations.RecommendAsync(new RecommendRequest { CustomerId = id, ContextProductId = Population.ProductId(id), PageType = "product", Count = 10 }, cancellationToken: ct).ResponseAsync),
        new("getprofile", 0.2, (c, id, ct) => c.Customers.GetProfileAsync(new GetProfileRequest { CustomerId = id }, cancellationToken: ct).ResponseAsync),
        new("getchurnscore", 0.2, (c, id, ct) => c.Churn.GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = id }, cancellationToken: ct).ResponseAsync),
        new("nextbestoffer", 0.2, (c, id, ct) => c.Offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "web" }, cancellationToken: ct).ResponseAsync),
    ];

    public static ServeCall Pick(Random random)
    {
        var total = Calls.Sum(c => c.Weight);
        var x = random.NextDouble() * total;
        foreach (var call in Calls)
        {
            x -= call.Weight;
            if (x < 0)
            {
                return call;
            }
        }

        return Calls[^1];
    }
}
