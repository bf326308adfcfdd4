using Grpc.Core;
using Realtime.Core.Events;
using Realtime.Grpc.Security;
using Realtime.Grpc.V1;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;

namespace Realtime.IntegrationTests.Security;

/// <summary>The concurrency limit on server-streaming calls (they scan the keyspace).</summary>
[Collection(ServersCollection.Name)]
public sealed class StreamLimitTests(Servers servers) : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task A_streaming_call_over_the_concurrency_limit_gets_resource_exhausted_and_a_permit_frees_when_a_stream_ends()
    {
        var scope = servers.NewScope("streams");
        // Enough one-id pages (~100 KB) to fill HTTP/2 flow-control windows: a stream the client does not read stays
        // open on the server, holding its permit.
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 8000).Select(i => new CustomerEvent
        {
            EventId = $"reg-{i}",
            Type = EventType.CustomerRegistered,
            CustomerId = $"s{i:D6}",
            OccurredAt = now.AddDays(-1),
            Channel = "organic",
        }).ToList();
        await scope.Store.SaveAsync(TestScope.ExpectedStates(events).Values.ToList(), CancellationToken.None);
        var key = ApiKey.Create().Key;
        var settings = SecureEngine.Keys(("crm", key, ApiScopes.ProfilesRead));
        settings["Api:MaxConcurrentStreams"] = "1";
        await using var engine = await SecureEngine.StartAsync(scope, _certificates, settings);
        using var channel = engine.Channel(key);
        var client = new CustomerService.CustomerServiceClient(channel);

        using var held = client.ListSegmentMembers(new ListSegmentMembersRequest { Segment = "new", PageSize = 1 });
        Assert.True(await held.ResponseStream.MoveNext(CancellationToken.None), "the first stream should start");

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var second = client.ListSegmentMembers(new ListSegmentMembersRequest { Segment = "new", PageSize = 1 });
            await second.ResponseStream.MoveNext(CancellationToken.None);
        });
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);

        held.Dispose(); // cancels the first stream: its permit is released
        var deadline = DateTime.UtcNow.AddSeconds(10);
        StatusCode status;
        do
        {
            status = await RpcCalls.StatusOf("/realtime.v1.CustomerService/ListSegmentMembers", channel);
        }
        while (status == StatusCode.ResourceExhausted && DateTime.UtcNow < deadline);
        Assert.Equal(StatusCode.OK, status);
    }
}
