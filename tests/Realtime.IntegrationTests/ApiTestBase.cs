using Grpc.Net.Client;
using Realtime.Host;

namespace Realtime.IntegrationTests;

/// <summary>An API-only engine on free ports for one test class, with a gRPC channel to it.</summary>
public abstract class ApiTestBase(Servers servers, string scopeName) : IAsyncLifetime
{
    private WebApplication? _engine;

    protected GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _engine = servers.NewScope(scopeName).BuildEngine(AppMode.Api);
        await _engine.StartAsync();
        Channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(_engine));
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        await _engine!.StopAsync();
        await _engine.DisposeAsync();
    }
}
