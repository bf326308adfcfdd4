using Grpc.Core;
using Realtime.Core.Events;
using Realtime.Core.Lifecycle;
using Realtime.Core.Ports;
using Realtime.Grpc.V1;

namespace Realtime.Grpc;

/// <summary>
/// <c>ListSegmentMembers</c>: scans every customer in pages, evaluates each at one instant and streams the members in
/// pages (the last one may be short; an empty segment answers one empty page). Memory is bounded by two pages whatever the number of customers; a cancelled call stops the scan.
/// </summary>
internal static class SegmentMembers
{
    public const int MaxPageSize = 10_000;

    public static async Task StreamAsync(
        ListSegmentMembersRequest request, IServerStreamWriter<SegmentMembersPage> stream, ICustomerStateStore store, LifecycleEvaluator evaluator, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SegmentNames.TryParse(request.Segment, out var segment))
        {
            GrpcErrors.InvalidArgument($"segment: '{EventLimits.Quote(request.Segment)}' is not one of {string.Join(", ", SegmentNames.All.Select(s => s.ToWire()))}");
        }

        if (request.PageSize is < 1 or > MaxPageSize)
        {
            GrpcErrors.InvalidArgument($"page_size: {request.PageSize} is outside 1..{MaxPageSize}");
        }

        var page = new SegmentMembersPage();
        long scanned = 0;
        var sent = false;
        await foreach (var states in store.ScanAsync(request.PageSize, cancellationToken))
        {
            foreach (var state in states)
            {
                scanned++;
                if (evaluator.Evaluate(state, now).Segments.Contains(segment))
                {
                    page.CustomerIds.Add(state.CustomerId);
                    if (page.CustomerIds.Count == request.PageSize)
                    {
                        page.Scanned = scanned;
                        await stream.WriteAsync(page, cancellationToken);
                        page = new SegmentMembersPage();
                        sent = true;
                    }
                }
            }
        }

        if (page.CustomerIds.Count > 0 || !sent)
        {
            page.Scanned = scanned;
            await stream.WriteAsync(page, cancellationToken);
        }
    }
}
