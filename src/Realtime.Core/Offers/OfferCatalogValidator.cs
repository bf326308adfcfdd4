using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>Checks a parsed catalog; every error starts with the field's path so the author can fix it without guessing.</summary>
internal static class OfferCatalogValidator
{
    public static IReadOnlyList<string> Validate(OfferCatalog catalog)
    {
        var errors = new List<string>();
        if (catalog.Currency is not { Length: 3 } || !catalog.Currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency: must be an ISO 4217 code such as EUR");
        }

        ValidatePolicy(catalog.Policy, errors);
        if (catalog.Offers.Count == 0)
        {
            errors.Add("offers: must list at least one offer");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Offers.Count; i++)
        {
            var offer = catalog.Offers[i];
            var at = $"offers[{i}]";
            if (offer is null)
            {
                errors.Add($"{at}: must be an object");
                continue;
            }

            if (offer.Id is not { } id || !IsName(id))
            {
                errors.Add($"{at}.id: is required and may use only a-z, 0-9, '_' and '-'");
            }
            else if (id == OfferDecision.NoneId)
            {
                errors.Add($"{at}.id: '{OfferDecision.NoneId}' is reserved for the no-offer decision");
            }
            else if (!ids.Add(id))
            {
                errors.Add($"{at}.id: duplicate id '{id}'");
            }

            ValidateOffer(offer, at, errors);
        }

        return errors;
    }

    private static void ValidatePolicy(OfferPolicy policy, List<string> errors)
    {
        Range(errors, "policy.min_expected_value", policy.MinExpectedValue, 0, double.MaxValue);
        Range(errors, "policy.margin_rate", policy.MarginRate, 0, 1);
        Range(errors, "policy.default_aov", policy.DefaultAov, 0, double.MaxValue);
        Range(errors, "policy.clv_fallback_aov_multiple", policy.ClvFallbackAovMultiple, 0, double.MaxValue);
        Range(errors, "policy.default_churn_score", policy.DefaultChurnScore, 0, 1);
        Range(errors, "policy.suppress_sales_after_order_days", policy.SuppressSalesAfterOrderDays, 0, double.MaxValue);
        Range(errors, "policy.holdout_share", policy.HoldoutShare, 0, 0.5);
        Range(errors, "policy.attribution_days", policy.AttributionDays, 0.001, double.MaxValue);
        if (string.IsNullOrWhiteSpace(policy.ExperimentSalt))
        {
            errors.Add("policy.experiment_salt: must not be empty");
        }

        var channels = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policy.ChannelCaps.Count; i++)
        {
            var cap = policy.ChannelCaps[i];
            var at = $"policy.channel_caps[{i}]";
            if (cap?.Channel is not { } channel || !IsName(channel))
            {
                errors.Add($"{at}.channel: is required and may use only a-z, 0-9, '_' and '-'");
            }
            else if (!channels.Add(channel))
            {
                errors.Add($"{at}.channel: duplicate cap for '{channel}'");
            }

            if (cap is null)
            {
                continue;
            }

            // The cap is counted from the customer's recent offer contacts, which keep only the last few.
            Range(errors, $"{at}.max_contacts", cap.MaxContacts, 1, StateLimits.RecentOffers);
            Range(errors, $"{at}.period_days", cap.PeriodDays, 0.001, double.MaxValue);
        }
    }

    private static void ValidateOffer(OfferDefinition offer, string at, List<string> errors)
    {
        if (offer.Channels.Count == 0)
        {
            errors.Add($"{at}.channels: must list at least one channel");
        }

        for (var c = 0; c < offer.Channels.Count; c++)
        {
            if (!IsName(offer.Channels[c]))
            {
                errors.Add($"{at}.channels[{c}]: may use only a-z, 0-9, '_' and '-'");
            }
        }

        var e = offer.Eligibility;
        var el = $"{at}.eligibility";
        Range(errors, $"{el}.min_orders", e.MinOrders, 0, int.MaxValue);
        Range(errors, $"{el}.max_orders", e.MaxOrders, e.MinOrders ?? 0, int.MaxValue);
        Range(errors, $"{el}.min_days_since_last_order", e.MinDaysSinceLastOrder, 0, double.MaxValue);
        Range(errors, $"{el}.max_days_since_last_order", e.MaxDaysSinceLastOrder, e.MinDaysSinceLastOrder ?? 0, double.MaxValue);
        Range(errors, $"{el}.min_cart_value", e.MinCartValue, 0, double.MaxValue);
        Range(errors, $"{el}.min_average_rating", e.MinAverageRating, 1, 5);
        Range(errors, $"{el}.min_repeat_purchases", e.MinRepeatPurchases, 1, int.MaxValue);
        Range(errors, $"{el}.min_churn_score", e.MinChurnScore, 0, 1);
        Range(errors, $"{el}.min_clv", e.MinClv, 0, double.MaxValue);
        Range(errors, $"{el}.max_clv", e.MaxClv, e.MinClv ?? 0, double.MaxValue);
        foreach (var both in e.Segments.Where(e.ExcludeSegments.Contains))
        {
            errors.Add($"{el}.exclude_segments: '{OfferSegmentKeys.ToKey(both)}' is also required in segments");
        }

        var cost = offer.Cost;
        Range(errors, $"{at}.cost.fixed_credit", cost.FixedCredit, 0, double.MaxValue);
        Range(errors, $"{at}.cost.percent_of_aov", cost.PercentOfAov, 0, 100);
        Range(errors, $"{at}.cost.percent_of_cart", cost.PercentOfCart, 0, 100);
        Range(errors, $"{at}.cost.contact_cost", cost.ContactCost, 0, double.MaxValue);

        var value = offer.Value;
        Range(errors, $"{at}.value.multiplier", value.Multiplier, 0, double.MaxValue);
        Range(errors, $"{at}.value.incremental_share", value.IncrementalShare, 0, 1);
        Range(errors, $"{at}.value.margin_rate", value.MarginRate, 0, 1);
        Range(errors, $"{at}.value.fixed_value", value.FixedValue, 0, double.MaxValue);

        Range(errors, $"{at}.contact.no_repeat_days", offer.Contact.NoRepeatDays, 0, double.MaxValue);
        Range(errors, $"{at}.contact.no_repeat_kind_days", offer.Contact.NoRepeatKindDays, 0, double.MaxValue);
        Range(errors, $"{at}.budget.max_redemptions", offer.Budget?.MaxRedemptions, 0, long.MaxValue);
        Range(errors, $"{at}.budget.max_spend", offer.Budget?.MaxSpend, 0, double.MaxValue);
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

            Range(errors, $"{at}.alpha", prior.Alpha ?? 0, 0.001, double.MaxValue);
            Range(errors, $"{at}.beta", prior.Beta ?? 0, 0.001, double.MaxValue);
        }
        else
        {
            Range(errors, $"{at}.rate", prior.Rate ?? 0, 0.0001, 0.9999);
            Range(errors, $"{at}.strength", prior.Strength ?? 0, 0.001, double.MaxValue);
        }
    }

    private static void Range(List<string> errors, string field, double? value, double min, double max)
    {
        if (value is not { } v)
        {
            return;
        }

        if (!double.IsFinite(v) || v < min)
        {
            errors.Add($"{field}: must be >= {min}");
        }
        else if (v > max)
        {
            errors.Add($"{field}: must be <= {max}");
        }
    }

    private static bool IsName(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
