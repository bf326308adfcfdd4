namespace Realtime.Core.Offers;

/// <summary>A catalog was refused. Each error names the field: <c>offers[3].eligibility.min_orders: must be &gt;= 0</c>.</summary>
public sealed class OfferCatalogException : Exception
{
    /// <summary>Creates the exception from the validation errors.</summary>
    public OfferCatalogException(IReadOnlyList<string> errors)
        : base("invalid offer catalog: " + string.Join("; ", errors)) => Errors = errors;

    /// <summary>Every problem found, one per field.</summary>
    public IReadOnlyList<string> Errors { get; }
}
