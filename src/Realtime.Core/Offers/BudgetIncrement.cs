namespace Realtime.Core.Offers;

/// <summary>Add to an offer's global budget usage (a store keeps running totals per offer; see <see cref="OfferBudgetUsage"/>).</summary>
/// <param name="OfferId">The offer.</param>
/// <param name="Redemptions">Redemptions to add.</param>
/// <param name="Spend">Money given away to add, in the catalog currency.</param>
public readonly record struct BudgetIncrement(string OfferId, long Redemptions, double Spend);
