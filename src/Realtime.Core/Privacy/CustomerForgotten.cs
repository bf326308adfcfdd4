namespace Realtime.Core.Privacy;

/// <summary>
/// Tells downstream systems that a customer was erased, so they erase too. Published with a tombstone for the same key
/// (docs/security.md).
/// </summary>
/// <param name="CustomerId">The erased customer (also the Kafka key).</param>
/// <param name="ForgottenAt">When the engine erased the customer.</param>
/// <param name="RequestId">The erasure request, as in the audit line.</param>
public sealed record CustomerForgotten(string CustomerId, DateTimeOffset ForgottenAt, string RequestId);
