using System.Globalization;
using Grpc.Net.Client;
using Realtime.Core.Events;
using Realtime.Grpc.V1;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;

namespace Realtime.Host.Cli;

/// <summary>The demo's recommendations block: one known customer and one anonymous visitor on the same product page.</summary>
internal static class DemoRecommendations
{
    public static async Task PrintAsync(GrpcChannel channel, Uri grpcAddress, string apiKey, List<CustomerEvent> history, CancellationToken cancellationToken)
    {
        var lastOrder = history.LastOrDefault(e => e.Type == EventType.OrderPlaced && e.Lines.Count > 0);
        if (lastOrder is null)
        {
            return;
        }

        var client = new RecommendationService.RecommendationServiceClient(channel);
        var context = lastOrder.Lines[0].ProductId;
        foreach (var customer in new[] { lastOrder.CustomerId, string.Empty })
        {
            var request = new RecommendRequest { CustomerId = customer, ContextProductId = context, PageType = "product", Count = 5 };
            var reply = await client.RecommendAsync(request, cancellationToken: cancellationToken);
            Console.WriteLine($"── recommendations on product {context} for {(customer.Length == 0 ? "an anonymous visitor" : "customer " + customer)}");
            foreach (var item in reply.Items)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {item.ProductId,-8} {item.Reason,-18} {item.Score:F3}"));
            }
        }

        Console.WriteLine($"Try: grpcurl -plaintext -H 'authorization: Bearer {apiKey}' -d '{{\"customer_id\":\"{lastOrder.CustomerId}\",\"context_product_id\":\"{context}\",\"count\":5}}' {grpcAddress.Authority} realtime.v1.RecommendationService/Recommend");
    }
}
