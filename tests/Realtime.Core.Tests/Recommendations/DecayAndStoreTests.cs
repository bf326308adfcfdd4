using Realtime.Core.Recommendations;
using Realtime.Core.State;
using static Realtime.Core.Tests.Recommendations.TestEvents;

namespace Realtime.Core.Tests.Recommendations;

public sealed class DecayAndStoreTests
{
    private const long Day = TimeUnits.MsPerDay;

    [Fact]
    public void A_stored_score_read_one_half_life_later_is_halved()
    {
        var epoch = Ms(0);
        var stored = DecayScale.ToStored(4, epoch + (3 * Day), epoch, halfLifeDays: 7);

        Assert.Equal(4, DecayScale.FromStored(stored, epoch + (3 * Day), epoch, 7), 9);
        Assert.Equal(2, DecayScale.FromStored(stored, epoch + (10 * Day), epoch, 7), 9);
    }

    [Fact]
    public void Increments_at_different_times_sum_as_if_each_had_decayed_on_its_own()
    {
        var epoch = Ms(0);
        var sum = DecayScale.ToStored(1, epoch, epoch, 7) + DecayScale.ToStored(1, epoch + (7 * Day), epoch, 7);

        // At day 14: the first is two half-lives old (0.25), the second one (0.5).
        Assert.Equal(0.75, DecayScale.FromStored(sum, epoch + (14 * Day), epoch, 7), 9);
    }

    [Fact]
    public void A_time_too_many_half_lives_from_the_epoch_is_refused_instead_of_overflowing()
    {
        var epoch = Ms(0);
        var farFuture = epoch + (long)((DecayScale.MaxExponent + 1) * 7 * Day);

        Assert.Throws<InvalidOperationException>(() => DecayScale.ToStored(1, farFuture, epoch, 7));
    }

    [Theory]
    [InlineData(0.4, 11.7, 1_331)] // 0.4 · 2^11.7 = 1,330.79…: a view pair, ~700 days after a 60-day-half-life epoch
    [InlineData(-1, 12, -4_096)]
    [InlineData(0.2, 11.3, 504.3)] // below WholeFrom: kept exact
    public void A_stored_increment_is_a_whole_number_from_WholeFrom_up(double weight, double halfLives, double expected)
    {
        var options = new ItemSignalOptions { Epoch = Start, AssociationHalfLifeDays = 60 };
        var at = Ms(0) + (long)(halfLives * 60 * Day);
        var exact = DecayScale.ToStored(weight, at, Ms(0), 60);

        var stored = DecayScale.ToStored(new SignalIncrement(SignalKind.ViewedTogether, "a", "b", weight, at), options);

        Assert.Equal(expected, stored, 0.05);
        Assert.Equal(Math.Abs(exact) >= DecayScale.WholeFrom ? Math.Round(exact) : exact, stored);
        Assert.True(Math.Abs(stored - exact) <= 0.5);
    }

    [Fact]
    public void Scores_from_two_to_the_52_up_are_left_as_they_are()
    {
        Assert.Equal(DecayScale.WholeUntil, DecayScale.Whole(DecayScale.WholeUntil));
        Assert.Equal(1e300, DecayScale.Whole(1e300));
        Assert.Equal(511.75, DecayScale.Whole(511.75));
        Assert.Equal(513, DecayScale.Whole(512.6));
    }

    [Fact]
    public void The_store_returns_neighbours_and_trending_decayed_to_the_query_time()
    {
        var options = new ItemSignalOptions { Epoch = Start, TrendingHalfLifeDays = 1 };
        var store = new InMemoryItemSignalStore(options);
        store.Apply(ItemSignalUpdate.Compute(new CustomerState("c1"), Order("c1", 0, "a", "b"), options));
        store.Apply(ItemSignalUpdate.Compute(new CustomerState("c2"), Order("c2", 60 * 24, "a", "b", "c"), options));

        var query = new ItemSignalQuery { NowMs = Ms(60 * 24), Seeds = { "a" } };
        var snapshot = store.Read(query);

        // a's list: b with 1 (day 0, association half-life 60 d) + 1/2 (day 1); c with 1/2.
        Assert.Equal(["b", "c"], snapshot.BoughtTogether["a"].Select(n => n.ProductId));
        Assert.Equal(0.5 + Math.Pow(0.5, 1.0 / 60), snapshot.BoughtTogether["a"][0].Score, 9);
        // Trending with a 1-day half-life: a and b have 0.5 + 1, c has 1.
        Assert.Equal(1.5, snapshot.FactsOf("a").Popularity, 9);
        Assert.Equal(["a", "b", "c"], snapshot.Trending.Select(t => t.ProductId));
        Assert.False(snapshot.FactsOf("a").Known);
        Assert.Equal(ItemFacts.Unknown, snapshot.FactsOf("never-seen"));
    }

    [Fact]
    public void A_late_catalog_upsert_does_not_overwrite_a_newer_one()
    {
        var options = new ItemSignalOptions { Epoch = Start };
        var store = new InMemoryItemSignalStore(options);
        store.Apply(ItemSignalUpdate.Compute(new CustomerState(""), Upsert("a", "mugs", inStock: false, minutes: 10), options));
        store.Apply(ItemSignalUpdate.Compute(new CustomerState(""), Upsert("a", "cups", inStock: true, minutes: 5), options));

        var facts = store.Read(new ItemSignalQuery { NowMs = Ms(20), FactsFor = { "a" } }).FactsOf("a");

        Assert.Equal(("mugs", false), (facts.Category, facts.InStock));
    }
}
