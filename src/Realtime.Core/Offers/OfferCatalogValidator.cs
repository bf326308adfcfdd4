using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>Checks a parsed catalog; every error starts with the field's path so the author can fix it without guessing.</summary>
internal static class OfferCatalogValidator
{
    public static IReadOnlyList<string> Validate(OfferCatalog catalog)
    {
        var errors = new List<string>();
        if (catalog.Policy is null || catalog.Offers is null || catalog.Currency is null)
        {
            return [$"{(catalog.Policy is null ? "policy" : catalog.Offers is null ? "offers" : "currency")}: must not be null"];
        }

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

            if (OfferDefinitionValidator.MissingPart(offer) is { } part)
            {
                errors.Add($"{at}.{part}: must not be null");
                continue;
            }

            OfferDefinitionValidator.Validate(offer, at, errors);
        }

        return errors;
    }

    private static void ValidatePolicy(OfferPolicy policy, List<string> errors)
    {
        if (policy.ChannelCaps is null || policy.ExperimentSalt is null)
        {
            errors.Add(policy.ChannelCaps is null ? "policy.channel_caps: must not be null" : "policy.experiment_salt: must not be empty");
            return;
        }

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

    internal static void Range(List<string> errors, string field, double? value, double min, double max)
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

    internal static bool IsName(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
