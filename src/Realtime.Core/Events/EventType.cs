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
}
