using Realtime.Core.State;

namespace Realtime.Chaos;

/// <summary>The state counters each event type of the chaos stream bumps by one: lost/doubled events show as differences.</summary>
internal static class StateCounters
{
    public static readonly string[] Names =
        ["views", "cart_adds", "orders", "returns", "email_opens", "email_clicks", "reviews", "tickets", "offers_shown"];

    public static int[] Of(CustomerState? s) => s is null
        ? new int[Names.Length]
        : [s.ViewCount, s.CartAddCount, s.OrderCount, s.ReturnCount, s.EmailOpens, s.EmailClicks, s.ReviewCount, s.TicketCount, s.OffersShown];
}
