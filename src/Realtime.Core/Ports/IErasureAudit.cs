using Realtime.Core.Privacy;

namespace Realtime.Core.Ports;

/// <summary>The audit trail of erasures (a log line and a counter in production).</summary>
public interface IErasureAudit
{
    /// <summary>Records one completed erasure. Never receives the customer id, only its hash.</summary>
    void Record(ErasureAuditEntry entry);
}
