using Grpc.Core;
using Realtime.Core.Ports;
using Realtime.Grpc.V1;

namespace Realtime.Grpc;

/// <summary><c>realtime.v1.CustomerService</c>: profiles read from the state store, evaluated against now.</summary>
public sealed class CustomerGrpcService(ICustomerStateStore store, TimeProvider clock) : CustomerService.CustomerServiceBase
{
    public override async Task<CustomerProfile> GetProfile(GetProfileRequest request, ServerCallContext context)
    {
        var id = GrpcErrors.ValidCustomerId(request.CustomerId);
        var state = await store.GetAsync(id, context.CancellationToken);
        if (state is null)
        {
            GrpcErrors.NotFound($"customer '{id}' is unknown");
        }

        return ProfileMapper.ToProfile(state, clock.GetUtcNow());
    }

    public override async Task<ForgetCustomerResponse> ForgetCustomer(ForgetCustomerRequest request, ServerCallContext context)
    {
        var id = GrpcErrors.ValidCustomerId(request.CustomerId);
        return new ForgetCustomerResponse { Existed = await store.DeleteAsync(id, context.CancellationToken) };
    }
}
