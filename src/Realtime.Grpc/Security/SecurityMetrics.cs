using System.Collections.Concurrent;
using Prometheus;

namespace Realtime.Grpc.Security;

/// <summary>Authentication, authorization and limit metrics of the API.</summary>
internal static class SecurityMetrics
{
    /// <summary>Most distinct client labels kept; further JWT subjects are counted as "other" (keys are configured, so bounded anyway).</summary>
    private const int MaxClientLabels = 200;

    private static readonly ConcurrentDictionary<string, byte> s_clients = new(StringComparer.Ordinal);

    public static readonly Counter AuthFailures = Prometheus.Metrics.CreateCounter(
        "realtime_api_auth_failures_total",
        "Calls refused by authentication (reason no_credential or bad_credential, client anonymous) or authorization (reason missing_scope), by client.",
        new CounterConfiguration { LabelNames = ["client", "reason"] });

    public static readonly Counter Limited = Prometheus.Metrics.CreateCounter(
        "realtime_api_limited_total",
        "Calls refused with RESOURCE_EXHAUSTED by the per-client rate limit (reason rate) or the streaming concurrency limit (reason streams).",
        new CounterConfiguration { LabelNames = ["client", "reason"] });

    /// <summary>The label for a client name, bounded in cardinality.</summary>
    public static string ClientLabel(string client)
    {
        if (s_clients.ContainsKey(client))
        {
            return client;
        }

        if (s_clients.Count >= MaxClientLabels)
        {
            return "other";
        }

        s_clients.TryAdd(client, 0);
        return client;
    }
}
