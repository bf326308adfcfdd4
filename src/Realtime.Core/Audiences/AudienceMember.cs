namespace Realtime.Core.Audiences;

/// <summary>One member of an exported audience, with the traits ad platforms and CRM systems match and segment on.</summary>
/// <param name="CustomerId">The store's customer id.</param>
/// <param name="EmailSha256">Lower-case hex SHA-256 of the normalised email, when the events carried one.</param>
/// <param name="Country">ISO 3166-1 alpha-2, when known.</param>
/// <param name="Channel">Normalised acquisition channel (<c>unknown</c> without a registration).</param>
/// <param name="TopCategories">Up to three categories by decayed affinity, strongest first.</param>
/// <param name="AovBand"><c>low</c>, <c>mid</c>, <c>high</c> or <c>none</c> (no orders).</param>
/// <param name="PredictedClv">Predicted CLV over the CLV horizon (365 days by default), discounted.</param>
/// <param name="Clv">Historical plus predicted CLV.</param>
/// <param name="Segments">Segment wire names now.</param>
public sealed record AudienceMember(
    string CustomerId, string? EmailSha256, string? Country, string Channel, IReadOnlyList<string> TopCategories,
    string AovBand, double PredictedClv, double Clv, IReadOnlyList<string> Segments);
