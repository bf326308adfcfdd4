using System.Runtime.CompilerServices;
using Realtime.Core.Audiences;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;

namespace Realtime.Application.Lifecycle;

/// <summary>
/// Streams an audience's members while scanning the customers in pages: memory is one page, plus for a
/// <c>clv_top_percent</c> condition the top-k predicted CLVs of a first pass (k = that share of the customers). Every
/// customer is evaluated at the one instant <c>now</c>.
/// </summary>
public sealed class AudienceExporter(ICustomerStateStore store, LifecycleEvaluator evaluator, AudienceOptions options)
{
    public const int PageSize = 1000;

    public async IAsyncEnumerable<AudienceMember> ExportAsync(AudienceDefinition definition, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var threshold = definition.TopPercent is { } percent ? await TopThresholdAsync(percent, now, cancellationToken) : null;
        await foreach (var page in store.ScanAsync(PageSize, cancellationToken))
        {
            foreach (var state in page)
            {
                if (state.IsEmpty)
                {
                    continue;
                }

                var segments = evaluator.Evaluate(state, now).Segments;
                var clv = evaluator.Clv(state, now);
                if (definition.Matches(AudienceTraits.Facts(state, segments, clv), threshold))
                {
                    yield return AudienceTraits.Member(state, segments, clv, now, options);
                }
            }
        }
    }

    /// <summary>
    /// The lowest predicted CLV inside the top <paramref name="percent"/>% of customers: k = ⌈percent/100 × n⌉ over the
    /// n known customers, the k-th largest value (ties at it are in). Two passes: count, then keep the k largest.
    /// </summary>
    public async Task<double?> TopThresholdAsync(double percent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long n = 0;
        await foreach (var page in store.ScanAsync(PageSize, cancellationToken))
        {
            n += page.Count(s => !s.IsEmpty);
        }

        var k = (int)Math.Min(int.MaxValue, Math.Ceiling(percent / 100 * n));
        if (k == 0)
        {
            return null;
        }

        var top = new PriorityQueue<double, double>(Math.Min(k, 1 << 20));
        await foreach (var page in store.ScanAsync(PageSize, cancellationToken))
        {
            foreach (var state in page)
            {
                if (state.IsEmpty)
                {
                    continue;
                }

                var value = evaluator.Clv(state, now).Predicted;
                if (top.Count < k)
                {
                    top.Enqueue(value, value);
                }
                else if (value > top.Peek())
                {
                    top.EnqueueDequeue(value, value);
                }
            }
        }

        return top.Count == 0 ? null : top.Peek();
    }
}
