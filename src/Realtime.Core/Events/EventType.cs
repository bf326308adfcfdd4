namespace Realtime.Core.Events;

/// <summary>The kinds of store event the engine understands (DESIGN §3). Wire names are snake_case.</summary>
public enum EventType
{
    CustomerRegistered,
    ProductViewed,
    AddedToCart,
    RemovedFromCart,
    CheckoutStarted,
    OrderPlaced,
    OrderReturned,
    EmailOpened,
    EmailClicked,
    EmailUnsubscribed,
    ReviewSubmitted,
    SupportTicket,
    OfferShown,
    OfferRedeemed,
    ProductUpserted,

    /// <summary>Marketing spend of a channel and campaign over a period: not a customer's event (Kafka key = channel).</summary>
    MarketingSpend,
}
