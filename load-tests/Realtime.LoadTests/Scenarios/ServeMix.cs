using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Net.Client;
using Realtime.Grpc.V1;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// One gRPC method in the serving mix: its result-line name, relative weight, HTTP/2 path and request (for h2load,
/// which posts prepared bodies), and how the .NET generator sends that request.
/// </summary>
internal sealed record ServeCall(string Name, double Weight, string Path, Func<string, IMessage> Request, Func<ApiClients, IMessage, CancellationToken, Task> Send)
{
    public Task Invoke(ApiClients client, string customerId, CancellationToken ct) => Send(client, Request(customerId), ct);

    /// <summary>The HTTP/2 path of a gRPC method: <c>/package.Service/Method</c>.</summary>
    public static string PathOf(ServiceDescriptor service, string method) => $"/{service.FullName}/{service.FindMethodByName(method).Name}";
}

/// <summary>The clients of one HTTP/2 connection.</summary>
internal sealed class ApiClients(GrpcChannel channel)
{
    public CustomerService.CustomerServiceClient Customers { get; } = new(channel);

    public ChurnService.ChurnServiceClient Churn { get; } = new(channel);

    public OfferService.OfferServiceClient Offers { get; } = new(channel);

    public RecommendationService.RecommendationServiceClient Recommendations { get; } = new(channel);
}

/// <summary>
/// The request mix of the serve scenario. Adding a method is one line in <see cref="s_default"/>: its name becomes
/// <c>serve_&lt;name&gt;_p99</c> and friends, weights are relative. <c>--mix getprofile</c> or
/// <c>--mix recommend=3,getprofile=1</c> picks a subset, to see what one call costs alone.
/// </summary>
internal sealed class ServeMix(IReadOnlyList<ServeCall> calls)
{
    private static readonly ServeCall[] s_default =
    [
        new("recommend", 0.4, ServeCall.PathOf(RecommendationService.Descriptor, "Recommend"),
            id => new RecommendRequest { CustomerId = id, ContextProductId = Population.ProductId(id), PageType = "product", Count = 10 },
            (c, m, ct) => c.Recommendations.RecommendAsync((RecommendRequest)m, cancellationToken: ct).ResponseAsync),
        new("getprofile", 0.2, ServeCall.PathOf(CustomerService.Descriptor, "GetProfile"),
            id => new GetProfileRequest { CustomerId = id },
            (c, m, ct) => c.Customers.GetProfileAsync((GetProfileRequest)m, cancellationToken: ct).ResponseAsync),
        new("getchurnscore", 0.2, ServeCall.PathOf(ChurnService.Descriptor, "GetChurnScore"),
            id => new GetChurnScoreRequest { CustomerId = id },
            (c, m, ct) => c.Churn.GetChurnScoreAsync((GetChurnScoreRequest)m, cancellationToken: ct).ResponseAsync),
        new("nextbestoffer", 0.2, ServeCall.PathOf(OfferService.Descriptor, "NextBestOffer"),
            id => new NextBestOfferRequest { CustomerId = id, Channel = "web" },
            (c, m, ct) => c.Offers.NextBestOfferAsync((NextBestOfferRequest)m, cancellationToken: ct).ResponseAsync),
    ];

    private readonly double _totalWeight = calls.Sum(c => c.Weight);

    public IReadOnlyList<ServeCall> Calls => calls;

    /// <summary>The default mix, or the <c>--mix</c> selection: names from the default mix, optional <c>=weight</c>.</summary>
    public static ServeMix Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            return new ServeMix(s_default);
        }

        var selected = spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var nameAndWeight = part.Split('=', 2);
            var call = s_default.FirstOrDefault(c => c.Name == nameAndWeight[0])
                ?? throw new ArgumentException($"--mix: unknown call '{nameAndWeight[0]}' (known: {string.Join(", ", s_default.Select(c => c.Name))})");
            return nameAndWeight.Length == 2 ? call with { Weight = double.Parse(nameAndWeight[1], System.Globalization.CultureInfo.InvariantCulture) } : call;
        }).ToArray();
        return new ServeMix(selected);
    }

    public ServeCall Pick(Random random)
    {
        var x = random.NextDouble() * _totalWeight;
        foreach (var call in calls)
        {
            x -= call.Weight;
            if (x < 0)
            {
                return call;
            }
        }

        return calls[^1];
    }
}
