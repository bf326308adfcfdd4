namespace Realtime.Core.Offers;

/// <summary>Checks one offer of a catalog; every error starts with the field's path (<c>offers[3].cost.fixed_credit</c>).</summary>
internal static class OfferDefinitionValidator
{
    // JSON null passes the deserializer for non-nullable members; catch it here rather than as a crash later.
    public static string? MissingPart(OfferDefinition offer) =>
        offer.Channels is null ? "channels"
        : offer.Eligibility is null ? "eligibility"
        : offer.Eligibility.Segments is null ? "eligibility.segments"
        : offer.Eligibility.ExcludeSegments is null ? "eligibility.exclude_segments"
        : offer.Cost is null ? "cost"
        : offer.Value is null ? "value"
        : offer.Contact is null ? "contact"
        : offer.Priors is null ? "priors"
        : null;

    public static void Validate(OfferDefinition offer, string at, List<string> errors)
    {
        if (offer.Channels.Count == 0)
        {
            errors.Add($"{at}.channels: must list at least one channel");
        }

        for (var c = 0; c < offer.Channels.Count; c++)
        {
            if (!OfferCatalogValidator.IsName(offer.Channels[c]))
            {
                errors.Add($"{at}.channels[{c}]: may use only a-z, 0-9, '_' and '-'");
            }
        }

        var e = offer.Eligibility;
        var el = $"{at}.eligibility";
        OfferCatalogValidator.Range(errors, $"{el}.min_orders", e.MinOrders, 0, int.MaxValue);
        OfferCatalogValidator.Range(errors, $"{el}.max_orders", e.MaxOrders, e.MinOrders ?? 0, int.MaxValue);
        OfferCatalogValidator.Range(errors, $"{el}.min_days_since_last_order", e.MinDaysSinceLastOrder, 0, double.MaxValue);
        OfferCatalogValidator.Range(errors, $"{el}.max_days_since_last_order", e.MaxDaysSinceLastOrder, e.MinDaysSinceLastOrder ?? 0, double.MaxValue);
        OfferCatalogValidator.Range(errors, $"{el}.min_cart_value", e.MinCartValue, 0, double.MaxValue);
        OfferCatalogValidator.Range(errors, $"{el}.min_average_rating", e.MinAverageRating, 1, 5);
        OfferCatalogValidator.Range(errors, $"{el}.min_repeat_purchases", e.MinRepeatPurchases, 1, int.MaxValue);
        OfferCatalogValidator.Range(errors, $"{el}.min_churn_score", e.MinChurnScore, 0, 1);
        OfferCatalogValidator.Range(errors, $"{el}.min_clv", e.MinClv, 0, double.MaxValue);
        OfferCatalogValidator.Range(errors, $"{el}.max_clv", e.MaxClv, e.MinClv ?? 0, double.MaxValue);
        foreach (var both in e.Segments.Where(e.ExcludeSegments.Contains))
        {
            errors.Add($"{el}.exclude_segments: '{OfferSegmentKeys.ToKey(both)}' is also required in segments");
        }

        var cost = offer.Cost;
        OfferCatalogValidator.Range(errors, $"{at}.cost.fixed_credit", cost.FixedCredit, 0, double.MaxValue);
        OfferCatalogValidator.Range(errors, $"{at}.cost.percent_of_aov", cost.PercentOfAov, 0, 100);
        OfferCatalogValidator.Range(errors, $"{at}.cost.percent_of_cart", cost.PercentOfCart, 0, 100);
        OfferCatalogValidator.Range(errors, $"{at}.cost.contact_cost", cost.ContactCost, 0, double.MaxValue);

        var value = offer.Value;
        OfferCatalogValidator.Range(errors, $"{at}.value.multiplier", value.Multiplier, 0, double.MaxValue);
        OfferCatalogValidator.Range(errors, $"{at}.value.incremental_share", value.IncrementalShare, 0, 1);
        OfferCatalogValidator.Range(errors, $"{at}.value.margin_rate", value.MarginRate, 0, 1);
        OfferCatalogValidator.Range(errors, $"{at}.value.fixed_value", value.FixedValue, 0, double.MaxValue);

        OfferCatalogValidator.Range(errors, $"{at}.contact.no_repeat_days", offer.Contact.NoRepeatDays, 0, double.MaxValue);
        OfferCatalogValidator.Range(errors, $"{at}.contact.no_repeat_kind_days", offer.Contact.NoRepeatKindDays, 0, double.MaxValue);
        OfferCatalogValidator.Range(errors, $"{at}.budget.max_redemptions", offer.Budget?.MaxRedemptions, 0, long.MaxValue);
        OfferCatalogValidator.Range(errors, $"{at}.budget.max_spend", offer.Budget?.MaxSpend, 0, double.MaxValue);
        if (offer.ValidFrom is { } from && offer.ValidUntil is { } until && until <= from)
        {
            errors.Add($"{at}.valid_until: must be after valid_from");
        }

        foreach (var (key, prior) in offer.Priors)
        {
            ValidatePrior($"{at}.priors.{key}", key, prior, errors);
        }
    }

    private static void ValidatePrior(string at, string key, BetaPrior? prior, List<string> errors)
    {
        if (key != OfferSegmentKeys.Default && !OfferSegmentKeys.TryParse(key, out _))
        {
            errors.Add($"{at}: unknown segment (use a segment name such as first_time_buyer, or default)");
        }

        if (prior is null)
        {
            errors.Add($"{at}: must be an object");
        }
        else if (prior.Alpha is not null || prior.Beta is not null)
        {
            if (prior.Rate is not null || prior.Strength is not null)
            {
                errors.Add($"{at}: give either alpha and beta or rate and strength, not both");
            }

            OfferCatalogValidator.Range(errors, $"{at}.alpha", prior.Alpha ?? 0, 0.001, double.MaxValue);
            OfferCatalogValidator.Range(errors, $"{at}.beta", prior.Beta ?? 0, 0.001, double.MaxValue);
        }
        else
        {
            OfferCatalogValidator.Range(errors, $"{at}.rate", prior.Rate ?? 0, 0.0001, 0.9999);
            OfferCatalogValidator.Range(errors, $"{at}.strength", prior.Strength ?? 0, 0.001, double.MaxValue);
        }
    }
}
