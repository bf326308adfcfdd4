using System.Security.Cryptography;
using System.Text;

namespace Realtime.Core.Privacy;

/// <summary>
/// What the audit trail keeps of one erasure: who, when, which request, and the customer only as a SHA-256 hash (an
/// auditor holding an id can check it was erased; the trail itself does not hold the id).
/// </summary>
/// <param name="SubjectHash">Lower-case hex SHA-256 of the customer id's UTF-8 bytes (<see cref="HashOf"/>).</param>
/// <param name="Caller">Who asked.</param>
/// <param name="At">When the engine erased the customer.</param>
/// <param name="RequestId">The erasure request.</param>
/// <param name="Existed">Whether the engine held anything about the customer.</param>
public sealed record ErasureAuditEntry(string SubjectHash, string Caller, DateTimeOffset At, string RequestId, bool Existed)
{
    /// <summary>Lower-case hex SHA-256 of <paramref name="customerId"/> (UTF-8).</summary>
    public static string HashOf(string customerId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(customerId)));
}
