namespace Realtime.Core.Offers;

/// <summary>What an offer's budget has used so far (kept by the host, e.g. Redis counters fed by redemptions).</summary>
/// <param name="Redemptions">Redemptions so far.</param>
/// <param name="Spend">Money given away so far, in the catalog currency.</param>
public readonly record struct OfferBudgetUsage(long Redemptions, double Spend);
