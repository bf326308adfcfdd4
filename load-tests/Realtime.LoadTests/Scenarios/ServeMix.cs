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
/// The request mix of the serve scenario. Adding a method is one line in <see cref="s_default"/>: its name becomes
/// <c>serve_&lt;name&gt;_p99</c> and friends, weights are relative. <c>--mix getprofile</c> or
/// <c>--mix recommend=3,getprofile=1</c> picks a subset, to see what one call costs alone.
/// </summary>
internal sealed class ServeMix(IReadOnlyList<ServeCall> calls)
{
    private static readonly ServeCall[] s_default =
    [
        new("recommend", 0.4, (c, id, ct) => c.Recommendations.RecommendAsync(new RecommendRequest { CustomerId = id, ContextProductId = Population.ProductId(id), PageType = "product", Count = 10 }, cancellationToken: ct).ResponseAsync),
        new("getprofile", 0.2, (c, id, ct) => c.Customers.GetProfileAsync(new GetProfileRequest { CustomerId = id }, cancellationToken: ct).ResponseAsync),
        new("getchurnscore", 0.2, (c, id, ct) => c.Churn.GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = id }, cancellationToken: ct).ResponseAsync),
        new("nextbestoffer", 0.2, (c, id, ct) => c.Offers.NextBestOfferAsync(new NextBestOfferRequest { CustomerId = id, Channel = "web" }, cancellationToken: ct).ResponseAsync),
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
