namespace Realtime.Core.Privacy;

/// <summary>One request to forget a customer (right to erasure).</summary>
/// <param name="CustomerId">The customer to forget.</param>
/// <param name="RequestId">Correlates the audit line, the downstream <c>customer_forgotten</c> record and the caller's reply.</param>
/// <param name="Caller">Who asked (the authenticated principal's name), or <see cref="UnknownCaller"/>.</param>
public sealed record ErasureRequest(string CustomerId, string RequestId, string Caller)
{
    /// <summary>The caller of a request without an authenticated name.</summary>
    public const string UnknownCaller = "unknown";
}
