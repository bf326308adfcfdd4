using Grpc.Core;
using Grpc.Health.V1;
using Realtime.Grpc.V1;

namespace Realtime.IntegrationTests;

[Collection(ServersCollection.Name)]
public class GrpcApiTests(Servers servers) : ApiTestBase(servers, "grpc")
{
    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public async Task A_malformed_customer_id_is_an_invalid_argument_with_a_message(string id)
    {
        var client = new CustomerService.CustomerServiceClient(Channel);
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetProfileAsync(new GetProfileRequest { CustomerId = id }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("customer_id", ex.Status.Detail);
    }

    [Fact]
    public async Task An_unknown_customer_is_not_found()
    {
        var client = new CustomerService.CustomerServiceClient(Channel);
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetProfileAsync(new GetProfileRequest { CustomerId = "nobody-here" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Health_reports_serving()
    {
        var health = new Health.HealthClient(Channel);
        var reply = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
