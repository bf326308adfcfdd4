using Google.Protobuf.Reflection;
using Realtime.Grpc.Security;
using Realtime.Grpc.V1;

namespace Realtime.IntegrationTests.Security;

public sealed class ScopeCoverageTests
{
    /// <summary>Every method of every service in the generated descriptors of proto/realtime/v1.</summary>
    private static List<string> ServiceMethods() =>
        typeof(CustomerService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!)
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"))
            .Distinct()
            .ToList();

    [Fact]
    public void Every_rpc_in_the_generated_descriptors_has_a_scope()
    {
        var methods = ServiceMethods();
        Assert.NotEmpty(methods);
        Assert.DoesNotContain(methods, m => !ApiScopes.ByMethod.ContainsKey(m));
        Assert.All(ApiScopes.ByMethod.Values, scope => Assert.Contains(scope, ApiScopes.All));
    }

    [Fact]
    public void The_security_tests_call_every_rpc_in_the_generated_descriptors()
    {
        Assert.Equal(ServiceMethods().Order(StringComparer.Ordinal), RpcCalls.All.Keys.Order(StringComparer.Ordinal));
    }
}
