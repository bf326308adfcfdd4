using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Lifecycle.Insights;
using Realtime.Core.Lifecycle.Wiring;
using Realtime.Core.Ports;
using Realtime.Core.State;
using Realtime.Core.Tests.Events;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class LifecycleWiringTests
{
    private readonly InMemoryLifecyclePorts _ports = new();
    private readonly LifecycleEvaluator _evaluator;
    private long _offset;

    public LifecycleWiringTests() => _evaluator = new LifecycleEvaluator(new LifecycleOptions(), _ports);

    private LifecycleBatchWriter Writer => new(_ports, _ports, _ports, _ports, _evaluator);

    private SegmentSweeper Sweeper => new(_ports, _ports, _ports, _ports, _evaluator);

    [Fact]
    public async Task A_first_order_publishes_first_time_buyer_stores_the_mask_and_counts_it()
    {
        await IngestAsync(Ev.T0, Ev.Of(EventType.CustomerRegistered) with { Channel = "Email", AcquisitionCost = 10 }, Ev.Order(0.01, 50, ("p1", "shoes")));

        var change = Assert.Single(_ports.Published);
        Assert.Equal((Segment.FirstTimeBuyer, SegmentTransition.Entered), (change.Change.Segment, change.Change.Transition));
        Assert.Equal(SegmentSet.Of(Segment.FirstTimeBuyer).Mask, _ports.States["c1"].SegmentMask);
        Assert.Equal(1, _ports.Counters["seg:first_time_buyer"]);
        Assert.Equal(1, _ports.Counters[CounterKeys.Customers]);
        Assert.Equal(50, _ports.Counters["chan:email:revenue"]);
        Assert.Equal(_ports.States["c1"].CountedClv, _ports.Counters["chan:email:clv"], 9);
        Assert.True(_ports.Due.ContainsKey("c1"));
    }

    [Fact]
    public async Task Orders_in_one_batch_are_counted_on_their_own_days_as_first_and_repeat()
    {
        await IngestAsync(Ev.T0.AddDays(30), Ev.Order(0, 40, ("p1", "shoes")), Ev.Order(10, 60, ("p2", "shoes")));

        Assert.Equal(40, _ports.Counters[CounterKeys.FirstOrderRevenue(CounterKeys.Day(Ev.T0))]);
        Assert.Equal(60, _ports.Counters[CounterKeys.ReturningRevenue(CounterKeys.Day(Ev.T0.AddDays(10)))]);
        Assert.Equal(1, _ports.Counters[CounterKeys.Orders(CounterKeys.Day(Ev.T0))]);
    }

    [Fact]
    public async Task The_sweeper_publishes_a_time_driven_change_once_and_moves_the_counters()
    {
        await IngestAsync(Ev.T0, Ev.AddToCart(0, "p1", 30));
        var dueAt = DateTimeOffset.FromUnixTimeMilliseconds(_ports.Due["c1"]);
        Assert.Equal(Ev.T0.AddHours(1), dueAt);

        var first = await Sweeper.SweepAsync(dueAt, 100, TimeSpan.FromSeconds(30), CancellationToken.None);
        var second = await Sweeper.SweepAsync(dueAt, 100, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(new SweepResult(1, 1, 1), first);
        Assert.Equal(0, second.Claimed);
        Assert.Single(_ports.Published, p => p.Change.Segment == Segment.CartAbandoner);
        Assert.Equal(1, _ports.Counters["seg:cart_abandoner"]);
        Assert.Equal(1, _ports.Counters["seg:new"]);
        Assert.Equal(Ev.T0.AddDays(14), DateTimeOffset.FromUnixTimeMilliseconds(_ports.Due["c1"]));
    }

    [Fact]
    public async Task A_sweep_that_lands_between_ingest_load_and_write_is_corrected_and_counted_once()
    {
        await IngestAsync(Ev.T0, Ev.AddToCart(0, "c1-p", 30));
        var abandonedAt = Ev.T0.AddHours(2);

        // Ingest loads c1 (mask: new), then a sweep marks it cart_abandoner before ingest writes its order.
        _ports.BeforeNextWrite = () => Sweeper.SweepAsync(abandonedAt, 100, TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult();
        await IngestAsync(abandonedAt, Ev.Order(0.1, 30, ("c1-p", "shoes")));

        Assert.Equal(SegmentSet.Of(Segment.FirstTimeBuyer).Mask, _ports.States["c1"].SegmentMask);
        Assert.Equal(0, _ports.Counters.GetValueOrDefault("seg:cart_abandoner"));
        Assert.Equal(0, _ports.Counters.GetValueOrDefault("seg:new"));
        Assert.Equal(1, _ports.Counters["seg:first_time_buyer"]);
        var cart = _ports.Published.Where(p => p.Change.Segment == Segment.CartAbandoner).Select(p => p.Change.Transition).ToList();
        Assert.Equal([SegmentTransition.Entered, SegmentTransition.Left], cart);
    }

    [Fact]
    public void Change_ids_are_deterministic_per_customer_change_and_source()
    {
        var facts = LifecycleFacts.From(new Realtime.Core.State.CustomerState("c1"), Ev.T0, new LifecycleOptions());
        var a = SegmentChangeEvent.Of("c1", default, SegmentSet.Of(Segment.New), facts, "0:5", Ev.T0).Single();
        var b = SegmentChangeEvent.Of("c1", default, SegmentSet.Of(Segment.New), facts, "0:5", Ev.T0.AddMinutes(1)).Single();
        var c = SegmentChangeEvent.Of("c1", default, SegmentSet.Of(Segment.New), facts, "0:6", Ev.T0).Single();
        Assert.Equal(a.ChangeId, b.ChangeId);
        Assert.NotEqual(a.ChangeId, c.ChangeId);
        Assert.Equal(32, a.ChangeId.Length);
    }

    [Fact]
    public async Task A_batch_retried_after_its_state_write_publishes_once_and_still_counts_and_schedules()
    {
        var records = new[] { Ev.Of(EventType.CustomerRegistered) with { Channel = "Email" }, Ev.Order(0.01, 50, ("p1", "shoes")) }
            .Select(e => new IngestRecord(e, 0, ++_offset)).ToList();
        var batch = Writer.Prepare(BatchFolder.Fold(records, await _ports.LoadAsync(["c1"], CancellationToken.None)), Ev.T0);
        _ports.FailingCounterUpdates = 1;

        await Assert.ThrowsAsync<TimeoutException>(() => RunStepsAsync(batch));
        Assert.True(batch.Saved);
        Assert.Empty(_ports.Counters);
        await RunStepsAsync(batch); // the retry: the write is not repeated (it would be refused as already applied)

        Assert.Single(_ports.Published);
        Assert.Equal(1, _ports.Counters["seg:first_time_buyer"]);
        Assert.Equal(50, _ports.Counters["chan:email:revenue"]);
        Assert.True(_ports.Due.ContainsKey("c1"));
        Assert.Single(batch.Written);
    }

    private static async Task RunStepsAsync(LifecycleBatch batch)
    {
        await batch.PublishAsync(CancellationToken.None);
        await batch.SaveAsync(CancellationToken.None);
        await batch.BookkeepAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Ingest_moves_a_buyer_into_at_risk_by_the_served_churn_score_and_publishes_that_score()
    {
        var scored = new LifecycleEvaluator(new LifecycleOptions(), _ports, ClvModel.None, new FixedChurnScores(0.9));
        var records = new[] { Ev.Order(0, 50, ("p1", "shoes")) }.Select(e => new IngestRecord(e, 0, ++_offset)).ToList();

        await new LifecycleBatchWriter(_ports, _ports, _ports, _ports, scored).WriteAsync(BatchFolder.Fold(records, _ports.States), Ev.T0.AddDays(1), CancellationToken.None);

        // A day after a first order the rhythm says first_time_buyer: at_risk comes from the score (0.9 ≥ 0.7) alone.
        var change = Assert.Single(_ports.Published);
        Assert.Equal((Segment.AtRisk, SegmentTransition.Entered), (change.Change.Segment, change.Change.Transition));
        Assert.Equal(0.9, change.Change.Facts.ChurnScore);
        Assert.Equal(Segment.FirstTimeBuyer, _evaluator.Evaluate(_ports.States["c1"], Ev.T0.AddDays(1)).Segments.Primary);
    }

    // The serving model's score as a constant (Scoring's ServingChurnScoreSource in production).
    private sealed class FixedChurnScores(double score) : IChurnScoreSource
    {
        public double? ScoreFor(CustomerState state, DateTimeOffset now) => score;
    }

    private async Task IngestAsync(DateTimeOffset now, params CustomerEvent[] events)
    {
        var records = events.Select(e => new IngestRecord(e, 0, ++_offset)).ToList();
        var loaded = await _ports.LoadAsync(records.Select(r => r.Event.CustomerId).Distinct().ToList(), CancellationToken.None);
        await Writer.WriteAsync(BatchFolder.Fold(records, loaded), now, CancellationToken.None);
    }
}
