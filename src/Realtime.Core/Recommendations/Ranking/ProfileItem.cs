namespace Realtime.Core.Recommendations.Ranking;

/// <summary>One product in a customer's <see cref="PurchaseProfile"/>.</summary>
/// <param name="Category">Category of the last order line, or null.</param>
/// <param name="Orders">Orders (baskets) that held the product.</param>
/// <param name="FirstMs">First order time, Unix ms.</param>
/// <param name="LastMs">Last order time, Unix ms.</param>
/// <param name="Decayed">TIFU-like frequency as of basket <paramref name="AtBasket"/>: Σ r^(baskets since) over the orders that held it.</param>
/// <param name="AtBasket">The customer's basket count when <paramref name="Decayed"/> was last updated.</param>
public readonly record struct ProfileItem(string? Category, int Orders, long FirstMs, long LastMs, double Decayed, int AtBasket);
