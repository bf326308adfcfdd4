using CsCheck;
using Realtime.Core.Events;

namespace Realtime.Core.Tests.Properties;

/// <summary>
/// Generators of valid customer events for property tests: few customers, products, categories and order ids, so
/// streams repeat them (carts fill, affinities evict, order ids and event ids recur, refunds find their orders), and
/// amounts anywhere in the accepted range, the maxima included.
/// </summary>
internal static class EventGen
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A processing time after every generated event.</summary>
    public static readonly DateTimeOffset Now = T0.AddDays(400);

    private static readonly Gen<string> s_customer = Gen.OneOf("c1", "c2", "c3");
    private static readonly Gen<string> s_product = Gen.Int[1, 14].Select(i => $"p{i}");
    private static readonly Gen<string?> s_category = Gen.OneOf<string?>(null, "shoes", "hats", "books", "toys", "tea", "bags", "pens", "lamps", "maps", "socks");
    private static readonly Gen<string?> s_orderId = Gen.Frequency((1, Gen.Const((string?)null)), (6, Gen.Int[1, 30].Select(i => (string?)$"o{i}")));
    private static readonly Gen<string?> s_label = Gen.OneOf<string?>(null, "email", "search", "social", "é€日");
    private static readonly Gen<string> s_offer = Gen.OneOf("welcome10", "free-ship", "vip");

    /// <summary>Whole cents mostly, arbitrary doubles and the bounds sometimes.</summary>
    public static readonly Gen<double> Money = Gen.Frequency(
        (6, Gen.Int[0, 100_000].Select(c => c / 100.0)),
        (2, Gen.Double[0, EventLimits.MaxAmount]),
        (1, Gen.OneOf(0.0, EventLimits.MaxAmount)));

    private static readonly Gen<int> s_quantity = Gen.Frequency((8, Gen.Int[1, 5]), (1, Gen.Const(EventLimits.MaxQuantity)));

    private static readonly Gen<OrderLine> s_line = Gen.Select(s_product, s_category, Gen.Int[1, 5], Gen.Int[0, 100_000].Select(c => c / 100.0))
        .Select((p, c, q, price) => new OrderLine(p, c, q, price));

    private static readonly Gen<CustomerEvent> s_envelope = Gen.Select(Gen.Int[0, 400], s_customer, Gen.Long[0, 365L * 86_400_000])
        .Select((id, customer, ms) => new CustomerEvent { EventId = $"e{id}", Type = EventType.ProductViewed, CustomerId = customer, OccurredAt = T0.AddMilliseconds(ms) });

    /// <summary>One valid event of any type a customer's state sees (not <c>product_upserted</c>, which ingest routes to the catalog).</summary>
    // The optional contact fields of a registration: each present or absent, always well-formed (malformed ones are
    // the decoders' tests' business).
    private static readonly Gen<Func<CustomerEvent, CustomerEvent>> s_contact =
        Gen.Select(Gen.Int[1, 12], Gen.Int[1, 28], Gen.Byte.Array[32], Gen.Int[0, 7])
            .Select<int, int, byte[], int, Func<CustomerEvent, CustomerEvent>>((month, day, digest, present) => e => e with
            {
                Birthday = (present & 1) != 0 ? new MonthDay(month, day) : null,
                EmailSha256 = (present & 2) != 0 ? Convert.ToHexStringLower(digest) : null,
                Country = (present & 4) != 0 ? "NL" : null,
            });

    public static readonly Gen<CustomerEvent> Event = Gen.Frequency(
        (4, Gen.Select(s_envelope, s_product, s_category).Select((e, p, c) => e with { Type = EventType.ProductViewed, ProductId = p, Category = c })),
        (3, Gen.Select(s_envelope, s_product, s_category, Money, s_quantity).Select((e, p, c, price, q) => e with { Type = EventType.AddedToCart, ProductId = p, Category = c, Price = Math.Min(price, 1e6), Quantity = q })),
        (1, Gen.Select(s_envelope, s_product, s_quantity).Select((e, p, q) => e with { Type = EventType.RemovedFromCart, ProductId = p, Quantity = q })),
        (1, s_envelope.Select(e => e with { Type = EventType.CheckoutStarted })),
        (4, Gen.Select(s_envelope, s_orderId, s_line.List[0, 4], Money, Gen.OneOf(Gen.Const((string?)null), s_offer.Select(o => (string?)o)))
            .Select((e, id, lines, total, offer) => e with
            {
                Type = EventType.OrderPlaced,
                OrderId = id,
                Lines = lines,
                Amount = lines.Count == 0 && total == 0 ? 1 : total,
                OfferId = offer,
            })),
        (2, Gen.Select(s_envelope, s_orderId, Money, s_line.List[0, 2]).Select((e, id, amount, lines) => e with { Type = EventType.OrderReturned, OrderId = id, Amount = amount, Lines = lines })),
        (1, Gen.Select(s_envelope, s_label, s_label, Money, s_contact).Select((e, ch, camp, cost, contact) => contact(e with { Type = EventType.CustomerRegistered, Channel = ch, Campaign = camp, AcquisitionCost = cost }))),
        (1, Gen.Select(s_envelope, Gen.Enum<EventType>()).Select((e, t) => e with
        {
            Type = t switch { EventType.EmailClicked => t, EventType.EmailUnsubscribed => t, _ => EventType.EmailOpened },
        })),
        (1, Gen.Select(s_envelope, Gen.Int[1, 5]).Select((e, r) => e with { Type = EventType.ReviewSubmitted, Rating = r })),
        (1, Gen.Select(s_envelope, Gen.Int[0, 5]).Select((e, r) => e with { Type = EventType.SupportTicket, Rating = r })),
        (1, Gen.Select(s_envelope, s_offer, s_label, Gen.Bool).Select((e, o, ch, redeemed) => e with { Type = redeemed ? EventType.OfferRedeemed : EventType.OfferShown, OfferId = o, Channel = ch })));
}
