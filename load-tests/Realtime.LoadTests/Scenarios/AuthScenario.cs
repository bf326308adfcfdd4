using System.Diagnostics;
using Realtime.Grpc.V1;

namespace Realtime.LoadTests.Scenarios;

/// <summary>
/// What authentication costs per call: two <c>realtime api</c> processes on the same data, one with an API key (every
/// call hashed, compared and scope-checked), one with <c>Api:Auth:Disabled=true</c> (the no-auth baseline), both
/// plaintext h2c so only auth differs. GetProfile one call at a time (closed loop), in alternating rounds so drift on
/// the shared machine hits both alike; prints the p50 and p99 of each and the ratio.
/// </summary>
internal static class AuthScenario
{
    public static async Task RunAsync(BenchEnvironment env, Results results)
    {
        var population = env.Population ?? throw new InvalidOperationException("auth needs the population");
        var settings = env.EngineSettings(env.NewTopic("auth", 4), "auth");
        await using var withAuth = await EngineProcess.StartAsync("api", settings);
        var baselineSettings = new Dictionary<string, string>(settings) { ["Api:Auth:Disabled"] = "true" };
        await using var withoutAuth = await EngineProcess.StartAsync("api", baselineSettings);
        using var authChannel = withAuth.NewChannel();
        using var plainChannel = withoutAuth.NewChannel();
        var engines = new[] { (Name: "with", Client: new CustomerService.CustomerServiceClient(authChannel)), (Name: "without", Client: new CustomerService.CustomerServiceClient(plainChannel)) };

        var rounds = env.Options.Smoke ? 2 : 10;
        var callsPerRound = env.Options.Smoke ? 200 : 2000;
        var latency = engines.ToDictionary(e => e.Name, _ => new Latency());
        var random = new Random(11);
        foreach (var (_, client) in engines)
        {
            // Warm-up: JIT, HTTP/2 connection, Redis connection in each engine.
            for (var i = 0; i < callsPerRound / 2; i++)
            {
                await client.GetProfileAsync(new GetProfileRequest { CustomerId = population.PickCustomer(random) });
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, client) in round % 2 == 0 ? engines : engines.Reverse())
            {
                for (var i = 0; i < callsPerRound; i++)
                {
                    var request = new GetProfileRequest { CustomerId = population.PickCustomer(random) };
                    var start = Stopwatch.GetTimestamp();
                    await client.GetProfileAsync(request);
                    latency[name].Record(Stopwatch.GetElapsedTime(start));
                }
            }
        }

        foreach (var (name, _) in engines)
        {
            results.Report($"auth_getprofile_p50_{name}", latency[name].Ms(50), "ms");
            results.Report($"auth_getprofile_p99_{name}", latency[name].Ms(99), "ms");
        }

        results.Ratio("auth_getprofile_p50_ratio", "auth_getprofile_p50_with", "auth_getprofile_p50_without");
        results.Ratio("auth_getprofile_p99_ratio", "auth_getprofile_p99_with", "auth_getprofile_p99_without");
        Results.Note($"auth: {rounds} alternating rounds of {callsPerRound} sequential GetProfile calls per engine");
    }
}
