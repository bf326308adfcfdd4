using Grpc.Core;
using Realtime.Core.Lifecycle.Wiring;
using Realtime.Core.Ports;
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
        return new ForgetCustomerResponse { Existed = await eraser.ForgetAsync(id, context.CancellationToken) };
    }

    public override Task ListSegmentMembers(ListSegmentMembersRequest request, IServerStreamWriter<SegmentMembersPage> responseStream, ServerCallContext context) =>
        SegmentMembers.StreamAsync(request, responseStream, store, lifecycle, clock.GetUtcNow(), context.CancellationToken);
}
