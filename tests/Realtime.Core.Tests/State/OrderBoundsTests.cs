using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.State;
using Realtime.Core.Tests.Events;

namespace Realtime.Core.Tests.State;

public sealed class OrderBoundsTests
{
    private static CustomerEvent Order(string orderId, double total, double day = 0) =>
        Ev.Of(EventType.OrderPlaced, daysAfterT0: day) with { OrderId = orderId, Amount = total };

    private static CustomerEvent Refund(string? orderId, double amount, double day = 1) =>
        Ev.Of(EventType.OrderReturned, daysAfterT0: day) with { OrderId = orderId, Amount = amount };

    [Fact]
    public void A_repeated_order_id_with_another_total_counts_as_one_order()
    {
        var s = new CustomerState("c1");
        Assert.True(CustomerFold.TryApply(s, Order("o1", 50)));
        Assert.False(CustomerFold.TryApply(s, Order("o1", 70, day: 1)));
        Assert.Equal(1, s.OrderCount);
        Assert.Equal(50, s.GrossRevenue);
        Assert.Equal(Ev.T0, TimeUnits.FromMs(s.LastOrderMs));
    }

    [Fact]
    public void A_repeated_order_id_in_a_batch_is_counted_as_a_duplicate()
    {
        var records = new List<IngestRecord> { new(Order("o1", 50), 0, 1), new(Order("o1", 70), 0, 2) };
        var result = BatchFolder.Fold(records, new Dictionary<string, CustomerState>());
        Assert.Equal(1, result.Outcomes[(EventType.OrderPlaced, IngestOutcome.Duplicate)]);
        Assert.Single(result.Steps);
        Assert.Equal(50, result.Changed["c1"].GrossRevenue);
    }

    [Fact]
    public void A_refund_for_an_unknown_order_is_clamped_to_the_customers_net_revenue()
    {
        var s = new CustomerState("c1");
        CustomerFold.Apply(s, Order("o1", 1));
        CustomerFold.Apply(s, Refund("unknown", 1_000_000));
        Assert.Equal(1, s.ReturnedAmount);
        Assert.Equal(0, s.NetRevenue);
    }

    [Fact]
    public void A_refund_without_any_order_takes_nothing()
    {
        var s = new CustomerState("c1");
        CustomerFold.Apply(s, Refund(null, 30));
        Assert.Equal(1, s.ReturnCount);
        Assert.Equal(0, s.ReturnedAmount);
    }

    [Fact]
    public void Refunds_of_a_known_order_together_take_at_most_what_the_order_brought()
    {
        var s = new CustomerState("c1");
        CustomerFold.Apply(s, Order("o1", 10));
        CustomerFold.Apply(s, Order("o2", 100, day: 0.5));
        CustomerFold.Apply(s, Refund("o1", 7));
        CustomerFold.Apply(s, Refund("o1", 7, day: 2));
        Assert.Equal(10, s.ReturnedAmount);
        Assert.Equal(100, s.NetRevenue);
        Assert.Equal(10, s.RecentOrders.Single(o => o.IdHash == StableHash.Of("o1")).Refunded);
    }

    [Fact]
    public void Remembered_orders_are_bounded()
    {
        var s = new CustomerState("c1");
        for (var i = 0; i < StateLimits.RecentOrderIds + 5; i++)
        {
            CustomerFold.Apply(s, Order($"o{i}", 1, day: i * 0.01));
        }

        Assert.Equal(StateLimits.RecentOrderIds, s.RecentOrders.Count);
        Assert.Equal(StableHash.Of($"o{StateLimits.RecentOrderIds + 4}"), s.RecentOrders[^1].IdHash);
    }

    [Fact]
    public void Sums_in_a_state_written_before_the_bounds_saturate_instead_of_reaching_infinity()
    {
        var s = new CustomerState("c1") { GrossRevenue = double.PositiveInfinity, ReturnedAmount = double.PositiveInfinity };
        CustomerFold.Apply(s, Order("o1", 10));
        CustomerFold.Apply(s, Refund("o1", 5));
        Assert.True(double.IsFinite(s.GrossRevenue));
        Assert.True(double.IsFinite(s.ReturnedAmount));
        Assert.True(double.IsFinite(s.NetRevenue));
        Assert.True(double.IsFinite(s.AverageOrderValue));
    }

    [Fact]
    public void Cart_quantities_saturate_at_the_quantity_maximum()
    {
        var s = new CustomerState("c1");
        CustomerFold.Apply(s, Ev.AddToCart(0, "p1", EventLimits.MaxAmount, EventLimits.MaxQuantity));
        CustomerFold.Apply(s, Ev.AddToCart(0.1, "p1", EventLimits.MaxAmount, EventLimits.MaxQuantity));
        Assert.Equal(EventLimits.MaxQuantity, s.Cart.Single().Quantity);
        Assert.True(s.CartValue <= StateLimits.MaxTotal);
    }

    [Fact]
    public void Counters_stop_at_the_largest_int_instead_of_wrapping_negative()
    {
        var s = new CustomerState("c1") { ViewCount = int.MaxValue, ReviewRatingSum = int.MaxValue - 1, OrderCount = int.MaxValue };
        CustomerFold.Apply(s, Ev.View(0, "p1"));
        CustomerFold.Apply(s, Ev.Of(EventType.ReviewSubmitted) with { Rating = 5 });
        CustomerFold.Apply(s, Order("o1", 10));
        Assert.Equal(int.MaxValue, s.ViewCount);
        Assert.Equal(int.MaxValue, s.ReviewRatingSum);
        Assert.Equal(int.MaxValue, s.OrderCount);
    }
}
