using Realtime.Core.Recommendations;

namespace Realtime.Core.Ports;

/// <summary>
/// Where sampled recommendation impressions go (Kafka topic <c>realtime.impressions</c> in production), for offline
/// evaluation and learning from what was shown. Logging is best effort by contract: an implementation hands the
/// impression on without waiting for it to be stored and never throws, so it cannot fail or slow a request.
/// </summary>
public interface IImpressionLog
{
    /// <summary>Queues <paramref name="impression"/> for delivery; returns at once. A full queue or a broker outage drops it (counted).</summary>
    void Record(RecommendationImpression impression);
}
