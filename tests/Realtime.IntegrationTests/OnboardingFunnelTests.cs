using System.Globalization;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Events;
using Realtime.Core.Simulation;
using Realtime.Grpc.V1;
using Realtime.Host;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;
using OrderLine = Realtime.Core.Events.OrderLine;

namespace Realtime.IntegrationTests;

/// <summary>
/// The onboarding funnel served by <c>GetLifecycleSummary</c>, after a generated population went through Kafka, equals
/// a recount from the raw events (written here from the definitions in docs/lifecycle.md, not from the engine's code).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class OnboardingFunnelTests(Servers servers)
{
    private const long MsPerDay = 86_400_000;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_funnel_overall_by_channel_and_by_cohort_equals_a_recount_from_the_raw_events()
    {
        var scope = servers.NewScope("funnel");
        var sim = new SimulationOptions { Customers = 160, Seed = 41 };
        var now = sim.Start + sim.Span + TimeSpan.FromDays(1);
        var events = StoreSimulator.Generate(sim).Concat(GuestsAndLateRegistrations(sim)).ToList();
        var expected = Recount(events, now);
        Assert.True(expected.Overall.ThirdOrder > 10 && expected.Channels.Count >= 6 && expected.Cohorts.Count >= 10, "the population should fill every step");

        await using var engine = scope.BuildEngine(AppMode.All, new FakeTimeProvider(now));
        await engine.StartAsync();
        scope.Produce(events);
        var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(events), s_timeout);
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));

        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new InsightsService.InsightsServiceClient(channel);
        async Task<V1Funnel> ReadAsync() => V1Funnel.Of((await client.GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest())).Funnel);
        var actual = await ReadAsync();
        var deadline = DateTime.UtcNow + s_timeout;
        while (actual != expected && DateTime.UtcNow < deadline)
        {
            // Counters are applied just after the state write: give the last batch its moment.
            await Task.Delay(100);
            actual = await ReadAsync();
        }

        Assert.Equal(expected.Overall, actual.Overall);
        Assert.Equal(expected.Channels, actual.Channels);
        Assert.Equal(expected.Cohorts, actual.Cohorts);
        Assert.Equal(expected.Window, actual.Window);
        Assert.Contains(actual.Channels, c => c.Key == "unknown" && c.FirstOrder > 0); // the guests
        Assert.InRange(actual.Window.InWindow, 1, actual.Window.FirstTimeBuyers - 1);
        await engine.StopAsync();
    }

    /// <summary>
    /// Customers the simulator does not make: guests who order without registering (some twice, some three times),
    /// and customers who register only after their first order (acquisition channel learned late).
    /// </summary>
    private static IEnumerable<CustomerEvent> GuestsAndLateRegistrations(SimulationOptions sim)
    {
        var random = new Random(7);
        for (var g = 0; g < 30; g++)
        {
            var id = $"guest{g:D3}";
            var t = sim.Start + TimeSpan.FromDays(random.NextDouble() * (sim.Span.TotalDays - 80));
            var orders = 1 + (g % 4);
            for (var o = 0; o < orders; o++)
            {
                yield return new CustomerEvent
                {
                    EventId = $"{id}-o{o}",
                    Type = EventType.OrderPlaced,
                    CustomerId = id,
                    OccurredAt = t,
                    OrderId = $"{id}-{o}",
                    Amount = 30,
                    Lines = [new OrderLine("p1", "books", 1, 30)],
                };
                if (g % 3 == 0 && o == 0)
                {
                    yield return new CustomerEvent { EventId = $"{id}-r", Type = EventType.CustomerRegistered, CustomerId = id, OccurredAt = t.AddDays(2), Channel = "newsletter" };
                }

                t += TimeSpan.FromDays(3 + (random.NextDouble() * 20));
            }
        }
    }

    // The recount: each customer's events in the order they were produced (Kafka keeps a customer's order), applying the
    // definitions. Entry = registration, or the first order without one; cohort = registration week, else first order's.
    // Steps = orders placed (a return does not undo a step). Gaps in whole days rounded down, capped at 365, counted when
    // the step is reached under the channel known then; registration -> first order only when the registration came first.
    private static V1Funnel Recount(List<CustomerEvent> events, DateTimeOffset now)
    {
        var rows = new Dictionary<string, Tally>(StringComparer.Ordinal);
        Tally Row(string key) => rows.TryGetValue(key, out var t) ? t : rows[key] = new Tally();
        var firstTimeBuyerAges = new List<long>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var customer in events.Where(e => e.Type is EventType.CustomerRegistered or EventType.OrderPlaced).GroupBy(e => e.CustomerId))
        {
            long registered = 0;
            string channel = "unknown";
            var orders = new List<long>();
            var gapChannels = new List<(int Order, int Days, string Channel)>();
            foreach (var e in customer.Where(e => seen.Add(e.EventId)))
            {
                var at = e.OccurredAt.ToUnixTimeMilliseconds();
                if (e.Type == EventType.CustomerRegistered)
                {
                    registered = at;
                    channel = e.Channel is { } c ? c.ToLowerInvariant() : channel;
                    continue;
                }

                orders.Add(at);
                orders.Sort();
                var gap = orders.Count switch
                {
                    1 when registered > 0 && registered <= at => (long?)(at - registered),
                    2 or 3 => orders[^1] - orders[^2],
                    _ => null,
                };
                if (gap is { } g && orders.Count <= 3)
                {
                    gapChannels.Add((orders.Count, (int)Math.Min(g / MsPerDay, 365), channel));
                }
            }

            if (registered == 0 && orders.Count == 0)
            {
                continue;
            }

            var cohort = ISOWeekOf(registered > 0 ? registered : orders[0]);
            foreach (var key in new[] { "all", "chan:" + channel, "coh:" + cohort })
            {
                Row(key).Add(orders.Count);
            }

            foreach (var (order, days, gapChannel) in gapChannels)
            {
                Row("all").Gaps[order - 1].Add(days);
                Row("chan:" + gapChannel).Gaps[order - 1].Add(days);
            }

            if (orders.Count == 1)
            {
                firstTimeBuyerAges.Add((now.ToUnixTimeMilliseconds() / MsPerDay) - (orders[0] / MsPerDay));
            }
        }

        var channels = rows.Where(r => r.Key.StartsWith("chan:", StringComparison.Ordinal)).Select(r => r.Value.ToRow(r.Key[5..], true))
            .OrderByDescending(r => r.Entered).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var cohorts = rows.Where(r => r.Key.StartsWith("coh:", StringComparison.Ordinal)).Select(r => r.Value.ToRow(r.Key[4..], false))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var window = new Window(7, 90, firstTimeBuyerAges.Count, firstTimeBuyerAges.Count(a => a is >= 7 and <= 90));
        return new V1Funnel(rows["all"].ToRow("all", true), channels, cohorts, window);
    }

    private static string ISOWeekOf(long ms)
    {
        var d = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(d)}-W{ISOWeek.GetWeekOfYear(d):00}");
    }

    private sealed class Tally
    {
        private readonly double[] _reached = new double[4];

        public List<int>[] Gaps { get; } = [[], [], []];

        public void Add(int orders)
        {
            for (var step = 0; step <= Math.Min(orders, 3); step++)
            {
                _reached[step]++;
            }
        }

        public Row ToRow(string key, bool withMedians)
        {
            int? Median(List<int> gaps) => withMedians && gaps.Count > 0 ? gaps.Order().ElementAt(((gaps.Count + 1) / 2) - 1) : null;
            return new Row(key, _reached[0], _reached[1], _reached[2], _reached[3], Median(Gaps[0]), Median(Gaps[1]), Median(Gaps[2]));
        }
    }

    private sealed record Row(string Key, double Entered, double FirstOrder, double SecondOrder, double ThirdOrder, int? Median1, int? Median2, int? Median3);

    private sealed record Window(int Start, int End, double FirstTimeBuyers, double InWindow);

    /// <summary>The funnel as compared: the API's message reduced to the fields a recount knows (rates follow from the counts).</summary>
    private sealed record V1Funnel(Row Overall, List<Row> Channels, List<Row> Cohorts, Window Window)
    {
        public static V1Funnel Of(OnboardingFunnel f)
        {
            static Row ToRow(FunnelRow r) => new(
                r.Key, r.Entered, r.FirstOrder, r.SecondOrder, r.ThirdOrder,
                r.HasMedianDaysToFirstOrder ? r.MedianDaysToFirstOrder : null,
                r.HasMedianDaysToSecondOrder ? r.MedianDaysToSecondOrder : null,
                r.HasMedianDaysToThirdOrder ? r.MedianDaysToThirdOrder : null);
            var w = f.SecondPurchaseWindow;
            return new V1Funnel(ToRow(f.Overall), [.. f.Channels.Select(ToRow)], [.. f.Cohorts.Select(ToRow)], new Window(w.StartDays, w.EndDays, w.FirstTimeBuyers, w.InWindow));
        }

        public bool Equals(V1Funnel? other) =>
            other is not null && Overall == other.Overall && Channels.SequenceEqual(other.Channels) && Cohorts.SequenceEqual(other.Cohorts) && Window == other.Window;

        public override int GetHashCode() => HashCode.Combine(Overall, Window);
    }
}
