using Prometheus;
using Realtime.Core.Ports;
using Realtime.Core.Privacy;

namespace Realtime.Host;

/// <summary>
/// The erasure audit trail: one Information line per erasure in the category <c>Realtime.Audit.Erasure</c> (route it
/// to the audit sink), holding the caller, the time, the request id and the customer's SHA-256 hash, never the id; and
/// the counter <c>realtime_customers_forgotten_total</c>.
/// </summary>
public sealed partial class ErasureAuditLog(ILoggerFactory loggers) : IErasureAudit
{
    /// <summary>The log category of the audit lines.</summary>
    public const string Category = "Realtime.Audit.Erasure";

    private static readonly Counter s_forgotten = Metrics.CreateCounter(
        "realtime_customers_forgotten_total", "Customers erased through ForgetCustomer (including requests for customers the engine did not hold).",
        new CounterConfiguration { LabelNames = ["existed"] });

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Record(ErasureAuditEntry entry)
    {
        LogErased(_logger, entry.SubjectHash, entry.Caller, entry.At, entry.RequestId, entry.Existed);
        s_forgotten.WithLabels(entry.Existed ? "true" : "false").Inc();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer erased: subject sha256 {SubjectHash}, caller {Caller}, at {ErasedAt:O}, request {RequestId}, existed {Existed}")]
    private static partial void LogErased(ILogger logger, string subjectHash, string caller, DateTimeOffset erasedAt, string requestId, bool existed);
}
