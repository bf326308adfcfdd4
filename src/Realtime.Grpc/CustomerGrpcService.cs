using Grpc.Core;
using Realtime.Application.Lifecycle;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;
using Realtime.Core.Privacy;
using Realtime.Grpc.V1;

namespace Realtime.Grpc;

/// <summary><c>realtime.v1.CustomerService</c>: profiles read from the state store, evaluated against now.</summary>
public sealed class CustomerGrpcService(ICustomerStateStore store, LifecycleEvaluator lifecycle, CustomerEraser eraser, TimeProvider clock) : CustomerService.CustomerServiceBase
{
    public override async Task<CustomerProfile> GetProfile(GetProfileRequest request, ServerCallContext context)
    {
        var id = GrpcErrors.ValidCustomerId(request.CustomerId);
        var state = await store.GetAsync(id, context.CancellationToken);
        if (state is null)
        {
            GrpcErrors.NotFound($"customer '{id}' is unknown");
        }

        var now = clock.GetUtcNow();
        return ProfileMapper.ToProfile(state, now).WithLifecycle(state, now, lifecycle);
    }

    public override async Task<ForgetCustomerResponse> ForgetCustomer(ForgetCustomerRequest request, ServerCallContext context)
    {
        var id = GrpcErrors.ValidCustomerId(request.CustomerId);
        // The principal's name once authentication is on (Api:Auth); "unknown" for an anonymous call.
        var caller = context.GetHttpContext()?.User.Identity?.Name is { Length: > 0 } name ? name : ErasureRequest.UnknownCaller;
        var erasure = new ErasureRequest(id, Guid.NewGuid().ToString("N"), caller);
        return new ForgetCustomerResponse { Existed = await eraser.ForgetAsync(erasure, context.CancellationToken), RequestId = erasure.RequestId };
    }

    public override Task ListSegmentMembers(ListSegmentMembersRequest request, IServerStreamWriter<SegmentMembersPage> responseStream, ServerCallContext context) =>
        SegmentMembers.StreamAsync(request, responseStream, store, lifecycle, clock.GetUtcNow(), context.CancellationToken);
}
