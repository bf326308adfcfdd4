using Confluent.Kafka;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using Realtime.Core.Events;
using Realtime.Grpc.V1;
using Realtime.Host;
using CustomerEvent = Realtime.Core.Events.CustomerEvent;

namespace Realtime.IntegrationTests;

/// <summary>
/// The acquisition report served by <c>GetAcquisitionReport</c>, after a generated population and its marketing spend
/// went through Kafka, equals a recount from the raw events (written here from the definitions in docs/lifecycle.md,
/// "Acquisition", not from the engine's code).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AcquisitionReportTests(Servers servers)
{
    private const long MsPerDay = 86_400_000;
    private const int RetentionDays = 400;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Channel_campaign_and_cohort_figures_equal_a_recount_from_the_raw_events_with_a_redelivered_spend_counted_once()
    {
        var scope = servers.NewScope("acquisition");
        var customers = AcquisitionPopulation.Customers(240, seed: 5);
        var spend = AcquisitionPopulation.Spend(seed: 6);
        var expected = Recount(customers, spend, AcquisitionPopulation.Now);
        Assert.True(expected.Campaigns.Count == AcquisitionPopulation.Pairs.Length && expected.Cohorts.Count >= 12, "every pair and a year of cohorts");
        Assert.Contains(expected.Campaigns, r => r.CacSource == "spend");
        Assert.Contains(expected.Campaigns, r => r.CacSource == "acquisition_cost");

        await using var engine = scope.BuildEngine(AppMode.All, new FakeTimeProvider(AcquisitionPopulation.Now));
        await engine.StartAsync();
        scope.Produce(customers);
        ProduceSpend(scope, spend.Append(spend[0])); // the first spend again: a producer's retry, a new offset, the same event_id
        var mismatches = await scope.WaitUntilStatesMatchAsync(TestScope.ExpectedStates(customers), s_timeout);
        Assert.True(mismatches.Count == 0, TestScope.Describe(mismatches));

        using var channel = GrpcChannel.ForAddress(RealtimeApp.GrpcAddress(engine));
        var client = new InsightsService.InsightsServiceClient(channel);
        async Task<Figures> ReadAsync() => Figures.Of(await client.GetAcquisitionReportAsync(new GetAcquisitionReportRequest()));
        var actual = await ReadAsync();
        var deadline = DateTime.UtcNow + s_timeout;
        while (!actual.SameAs(expected) && DateTime.UtcNow < deadline)
        {
            // Counters and the spend ledger are written just after the states: give the last batch its moment.
            await Task.Delay(100);
            actual = await ReadAsync();
        }

        Assert.Equal(expected.Campaigns, actual.Campaigns);
        Assert.Equal(expected.Channels, actual.Channels);
        Assert.Equal(expected.Cohorts, actual.Cohorts);
        await engine.StopAsync();
    }

    [Fact]
    public async Task An_invalid_marketing_spend_is_dead_lettered_with_its_reason()
    {
        var scope = servers.NewScope("acquisition-dlq");
        await using var engine = scope.BuildEngine(AppMode.All, new FakeTimeProvider(AcquisitionPopulation.Now));
        await engine.StartAsync();
        var backwards = AcquisitionPopulation.Spend(seed: 1)[0] with { EventId = "spend-backwards", PeriodEnd = new DateOnly(2025, 1, 1), PeriodStart = new DateOnly(2025, 1, 9) };
        ProduceSpend(scope, [backwards]);
        var letter = Assert.Single(DeadLetter.Read(scope, expected: 1));
        Assert.Equal("period_end must not be before period_start", letter.Reason);
        await engine.StopAsync();
    }

    private static void ProduceSpend(TestScope scope, IEnumerable<CustomerEvent> spend)
    {
        using var producer = scope.NewProducer();
        foreach (var e in spend)
        {
            // Spend is keyed by channel (its events belong to no customer).
            producer.Produce(scope.EventsTopic, new Message<string?, byte[]> { Key = e.Channel, Value = EventJson.Encode(e) });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    // The recount from the raw events. Per (channel, campaign): registered customers, those with an order, acquisition
    // cost; net revenue (orders minus refunds) dated within N days of the registration; registrations per UTC day. Spend
    // spread evenly over its days; days after today or older than the retention left out; each event_id once. CAC =
    // spend ÷ customers registered on days with spend, else mean acquisition cost. Cohort = registration month; cell k =
    // revenue dated k calendar months later (k < 24), cumulated, per customer, up to the current month.
    private static Figures Recount(List<CustomerEvent> customers, List<CustomerEvent> spend, DateTimeOffset now)
    {
        var pairs = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var channels = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var cohorts = new SortedDictionary<string, (double Customers, double[] Revenue)>(StringComparer.Ordinal);
        foreach (var history in customers.GroupBy(e => e.CustomerId))
        {
            var reg = history.Single(e => e.Type == EventType.CustomerRegistered);
            var pair = $"{reg.Channel}/{reg.Campaign ?? "none"}";
            var month = reg.OccurredAt.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            if (!cohorts.TryGetValue(month, out var cohort))
            {
                cohort = (0, new double[24]);
            }

            cohort.Customers++;
            foreach (var tally in new[] { Of(pairs, pair), Of(channels, reg.Channel!) })
            {
                tally.Customers++;
                tally.Cost += reg.AcquisitionCost;
                tally.Buyers += history.Any(e => e.Type == EventType.OrderPlaced) ? 1 : 0;
                var day = DateOnly.FromDateTime(reg.OccurredAt.UtcDateTime);
                tally.RegistrationsByDay[day] = tally.RegistrationsByDay.GetValueOrDefault(day) + 1;
                foreach (var e in history.Where(e => e.Type is EventType.OrderPlaced or EventType.OrderReturned))
                {
                    var revenue = e.Type == EventType.OrderPlaced ? e.Amount : -e.Amount;
                    var since = (e.OccurredAt - reg.OccurredAt).TotalMilliseconds;
                    for (var w = 0; w < 3; w++)
                    {
                        tally.Window[w] += since < new[] { 90, 180, 365 }[w] * MsPerDay ? revenue : 0;
                    }
                }
            }

            foreach (var e in history.Where(e => e.Type is EventType.OrderPlaced or EventType.OrderReturned))
            {
                var k = ((e.OccurredAt.Year - reg.OccurredAt.Year) * 12) + e.OccurredAt.Month - reg.OccurredAt.Month;
                cohort.Revenue[k] += k < 24 ? (e.Type == EventType.OrderPlaced ? e.Amount : -e.Amount) : 0;
            }

            cohorts[month] = cohort;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var e in spend.DistinctBy(e => e.EventId))
        {
            var days = e.PeriodEnd!.Value.DayNumber - e.PeriodStart!.Value.DayNumber + 1;
            for (var d = e.PeriodStart.Value; d <= e.PeriodEnd.Value; d = d.AddDays(1))
            {
                if (d <= today && d >= today.AddDays(-RetentionDays))
                {
                    foreach (var tally in new[] { Of(pairs, $"{e.Channel}/{e.Campaign ?? "none"}"), Of(channels, e.Channel!) })
                    {
                        tally.SpendByDay[d] = tally.SpendByDay.GetValueOrDefault(d) + (e.Amount / days);
                    }
                }
            }
        }

        var cohortRows = cohorts.Select(kv =>
        {
            var start = DateTimeOffset.ParseExact(kv.Key + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
            var last = Math.Min(23, ((now.Year - start.Year) * 12) + now.Month - start.Month);
            double sum = 0;
            var cells = new List<double>();
            for (var k = 0; k <= last; k++)
            {
                sum += kv.Value.Revenue[k];
                cells.Add(Round(sum / kv.Value.Customers));
            }

            return new CohortFigure(kv.Key, kv.Value.Customers, string.Join(' ', cells));
        }).ToList();
        return new Figures(
            [.. pairs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.Row(kv.Key))],
            [.. channels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.Row(kv.Key))],
            cohortRows);
    }

    private static Tally Of(Dictionary<string, Tally> rows, string key) => rows.TryGetValue(key, out var t) ? t : rows[key] = new Tally();

    private static double Round(double x) => Math.Round(x, 6);

    private static double? Round(double? x) => x is { } v ? Round(v) : null;

    private sealed class Tally
    {
        public double Customers;
        public double Buyers;
        public double Cost;
        public readonly double[] Window = new double[3];
        public readonly Dictionary<DateOnly, double> RegistrationsByDay = [];
        public readonly Dictionary<DateOnly, double> SpendByDay = [];

        public RowFigure Row(string key)
        {
            var spend = SpendByDay.Values.Sum();
            var spendCustomers = SpendByDay.Where(kv => kv.Value > 0).Sum(kv => RegistrationsByDay.GetValueOrDefault(kv.Key));
            var (cac, source) = spend > 0 ? (spendCustomers > 0 ? spend / spendCustomers : (double?)null, "spend")
                : Cost > 0 ? (Cost / Customers, "acquisition_cost") : ((double?)null, "none");
            return new RowFigure(
                key, Customers, Buyers, Round(spend), spendCustomers, Round(cac), source, Round(Buyers / Customers),
                Round(Window[0] / Customers), Round(Window[1] / Customers), Round(Window[2] / Customers));
        }
    }

    private sealed record RowFigure(
        string Key, double NewCustomers, double Buyers, double Spend, double SpendCustomers, double? Cac, string CacSource,
        double Conversion, double Historical90, double Historical180, double Historical365);

    private sealed record CohortFigure(string Month, double Customers, string Cells);

    private sealed record Figures(List<RowFigure> Campaigns, List<RowFigure> Channels, List<CohortFigure> Cohorts)
    {
        public bool SameAs(Figures other) =>
            Campaigns.SequenceEqual(other.Campaigns) && Channels.SequenceEqual(other.Channels) && Cohorts.SequenceEqual(other.Cohorts);

        public static Figures Of(AcquisitionReport r) => new(
            [.. r.Campaigns.Select(c => Row(c, $"{c.Channel}/{c.Campaign}")).OrderBy(x => x.Key, StringComparer.Ordinal)],
            [.. r.Channels.Select(c => Row(c, c.Channel)).OrderBy(x => x.Key, StringComparer.Ordinal)],
            [.. r.Cohorts.Select(c => new CohortFigure(c.Month, c.Customers, string.Join(' ', c.CumulativeRevenuePerCustomer.Select(Round))))]);

        private static RowFigure Row(AcquisitionRow c, string key)
        {
            Assert.All(c.Clv, w => Assert.Equal(0, w.Predicted)); // too few customers for a CLV model: history only
            return new RowFigure(
                key, c.NewCustomers, c.Buyers, Round(c.Spend), c.SpendCustomers, c.HasCac ? Round(c.Cac) : null, c.CacSource,
                Round(c.FirstOrderConversion), Round(c.Clv[0].Historical), Round(c.Clv[1].Historical), Round(c.Clv[2].Historical));
        }
    }
}
