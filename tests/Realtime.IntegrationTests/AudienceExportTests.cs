using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.State;
using Realtime.Grpc.V1;
using Realtime.Host;
using Realtime.Host.Cli;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;

namespace Realtime.IntegrationTests;

/// <summary>
/// Seed audiences: <c>ExportAudience</c> and <c>realtime audiences export</c> over a generated population hold exactly
/// the members computed here from the raw events (or, for CLV and segments, from the stored states), with their traits.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AudienceExportTests(Servers servers)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_export_holds_exactly_the_expected_members_with_their_traits()
    {
        var (scope, events) = await IngestAsync("audience");
        await using var engine = scope.BuildEngine(AppMode.Api, new FakeTimeProvider(AcquisitionPopulation.Now));
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new InsightsService.InsightsServiceClient(channel);

        var byChannel = await ExportAsync(client, new ExportAudienceRequest { Definition = "channel=paid_social and country=FR" });
        var registrations = events.Where(e => e.Type == EventType.CustomerRegistered).ToList();
        var expected = registrations.Where(r => r.Channel == "paid_social" && r.Country == "FR").Select(r => r.CustomerId).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count >= 5, "the population should hold the audience");
        Assert.Equal(expected, byChannel.Select(m => m.CustomerId).Order(StringComparer.Ordinal));
        foreach (var m in byChannel)
        {
            var reg = registrations.Single(r => r.CustomerId == m.CustomerId);
            var orders = events.Where(e => e.CustomerId == m.CustomerId && e.Type == EventType.OrderPlaced).ToList();
            Assert.Equal(reg.EmailSha256 ?? "", m.EmailSha256);
            Assert.Equal("FR", m.Country);
            Assert.Equal("paid_social", m.Channel);
            var aov = orders.Count == 0 ? (double?)null : orders.Sum(o => o.Amount) / orders.Count;
            Assert.Equal(aov switch { null => "none", < 50 => "low", >= 150 => "high", _ => "mid" }, m.AovBand);
            var categories = orders.Select(o => o.Lines[0].Category!).Distinct().ToList();
            Assert.Equal(Math.Min(3, categories.Count), m.TopCategories.Count);
            Assert.All(m.TopCategories, c => Assert.Contains(c, categories));
        }

        // Top 10% by predicted CLV, or a first-time buyer: from the stored states, evaluated at the same instant.
        var states = await StatesAsync(scope);
        var options = new LifecycleOptions();
        var predicted = states.ToDictionary(s => s.CustomerId, s => ClvCalculator.Estimate(s, AcquisitionPopulation.Now, ClvModel.None, options).Predicted);
        var k = (int)Math.Ceiling(0.10 * states.Count);
        var threshold = predicted.Values.OrderDescending().ElementAt(k - 1);
        var expectedTop = states
            .Where(s => SegmentSet.FromMask(s.SegmentMask).Contains(Segment.FirstTimeBuyer) || (predicted[s.CustomerId] >= threshold && predicted[s.CustomerId] > 0))
            .Select(s => s.CustomerId).Order(StringComparer.Ordinal).ToList();
        var top = await ExportAsync(client, new ExportAudienceRequest { Definition = "segment=first_time_buyer or clv_top_percent=10" });
        Assert.Equal(expectedTop, top.Select(m => m.CustomerId).Order(StringComparer.Ordinal));
        Assert.True(expectedTop.Count > k, "both conditions should bring members");
        await engine.StopAsync();
    }

    [Theory]
    [InlineData("", "", "definition: give exactly one of definition and name")]
    [InlineData("segment=nope", "", "definition: segment 'nope' is not one of")]
    [InlineData("segment=hero and clv>=10 or channel=email", "", "definition: mixes 'and' and 'or'")]
    [InlineData("clv_top_percent=0", "", "definition: clv_top_percent needs a number above 0")]
    [InlineData("colour=blue", "", "definition: 'colour=blue' is not a condition")]
    [InlineData("", "missing", "name: no audience named 'missing'")]
    public async Task An_invalid_definition_is_refused_naming_the_field(string definition, string name, string reason)
    {
        var scope = servers.NewScope("audience-invalid");
        await using var engine = scope.BuildEngine(AppMode.Api, new FakeTimeProvider(AcquisitionPopulation.Now));
        await engine.StartAsync();
        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new InsightsService.InsightsServiceClient(channel);
        var ex = await Assert.ThrowsAsync<RpcException>(() => ExportAsync(client, new ExportAudienceRequest { Definition = definition, Name = name }));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith(reason, ex.Status.Detail, StringComparison.Ordinal);
        await engine.StopAsync();
    }

    [Fact]
    public async Task The_cli_exports_the_same_members_as_csv_and_as_json_lines()
    {
        var (scope, events) = await IngestAsync("audience-cli");
        var expected = events.Where(e => e.Type == EventType.CustomerRegistered && e.Channel == "email").Select(e => e.CustomerId).Order(StringComparer.Ordinal).ToList();
        string[] settings = [$"--Redis:ConnectionString={servers.Redis.ConnectionString}", $"--Redis:KeyPrefix={scope.KeyPrefix}"];

        var (code, csv, error) = await RunCliAsync(["audiences", "export", "--definition", "channel=email", "--format", "csv", .. settings]);
        Assert.True(code == 0, error);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(',', AudienceColumns.Names), lines[0]);
        Assert.Equal(expected, lines.Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        var withDigest = lines.Skip(1).Select(l => l.Split(',')).First(f => f[1].Length == 64);
        Assert.Equal(events.Single(e => e.CustomerId == withDigest[0] && e.Type == EventType.CustomerRegistered).EmailSha256, withDigest[1]);

        (code, var jsonl, error) = await RunCliAsync(["audiences", "export", "--definition", "channel=email", "--format", "jsonl", .. settings]);
        Assert.True(code == 0, error);
        var members = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(expected, members.Select(m => m.GetProperty("customer_id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(members, m => Assert.Equal("email", m.GetProperty("channel").GetString()));

        (code, _, error) = await RunCliAsync(["audiences", "export", "--definition", "segment=nope", .. settings]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--definition: segment 'nope' is not one of", error, StringComparison.Ordinal);
    }

    private async Task<(TestScope Scope, List<CustomerEvent> Events)> IngestAsync(string name)
    {
        var scope = servers.NewScope(name);
        var events = AcquisitionPopulation.Customers(200, seed: 9);
        await using var ingest = scope.BuildEngine(AppMode.All, new FakeTimeProvider(AcquisitionPopulation.Now));
        await ingest.StartAsync();
        scope.Produce(events);
        var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(events), s_timeout);
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));
        await ingest.StopAsync();
        return (scope, events);
    }

    private static async Task<List<CustomerState>> StatesAsync(TestScope scope)
    {
        var states = new List<CustomerState>();
        await foreach (var page in scope.Store.ScanAsync(100, CancellationToken.None))
        {
            states.AddRange(page);
        }

        return states;
    }

    private static async Task<List<AudienceMember>> ExportAsync(InsightsService.InsightsServiceClient client, ExportAudienceRequest request)
    {
        using var call = client.ExportAudience(request);
        var members = new List<AudienceMember>();
        await foreach (var m in call.ResponseStream.ReadAllAsync())
        {
            members.Add(m);
        }

        return members;
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await RealtimeCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
