using Grpc.Core;
using Realtime.Grpc.V1;

namespace Realtime.IntegrationTests;

/// <summary>RecommendationService request validation and fallbacks, over a real gRPC channel against an empty store.</summary>
[Collection(ServersCollection.Name)]
public sealed class RecommendationApiTests(Servers servers) : ApiTestBase(servers, "recs-api")
{
    private RecommendationService.RecommendationServiceClient Client => new(Channel);

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task A_count_outside_1_to_100_is_an_invalid_argument(int count)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.RecommendAsync(new RecommendRequest { Count = count }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("count", ex.Status.Detail);
    }

    [Theory]
    [InlineData("has space", "p1", "ok", "customer_id")]
    [InlineData("c1", "semi;colon", "ok", "context_product_id")]
    [InlineData("c1", "p1", "bad/id", "exclusions")]
    public async Task A_malformed_id_is_an_invalid_argument_naming_the_field(string customer, string context, string exclusion, string field)
    {
        var request = new RecommendRequest { CustomerId = customer, ContextProductId = context, Count = 5, Exclusions = { exclusion } };
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.RecommendAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(field, ex.Status.Detail);
    }

    [Fact]
    public async Task An_unknown_customer_on_an_empty_store_gets_an_empty_list_and_a_request_id()
    {
        var reply = await Client.RecommendAsync(new RecommendRequest { CustomerId = "never-seen", ContextProductId = "cold-item", Count = 10 });
        Assert.Empty(reply.Items);
        Assert.False(string.IsNullOrEmpty(reply.RequestId));
    }
}
