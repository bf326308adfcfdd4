using Realtime.Core.Audiences;

namespace Realtime.Application.Lifecycle;

/// <summary>
/// Recomputes a named audience and publishes who joined and who left since its last refresh: stage the export's
/// members (pages of <see cref="AudienceExporter.PageSize"/>), publish the differences with the next generation's
/// deterministic ids and wait for the acks, then commit. A crash before the commit repeats the same changes with the
/// same ids (at-least-once); after it, nothing is published twice.
/// </summary>
public sealed class AudienceRefresher(AudienceExporter exporter, IAudienceMembership membership, IAudienceChangePublisher publisher)
{
    public async Task<(int Joined, int Left)> RefreshAsync(string audience, AudienceDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var generation = await membership.GenerationAsync(audience, cancellationToken) + 1;
        await membership.ClearStagingAsync(audience, cancellationToken);
        var page = new List<string>(AudienceExporter.PageSize);
        await foreach (var member in exporter.ExportAsync(definition, now, cancellationToken))
        {
            page.Add(member.CustomerId);
            if (page.Count == AudienceExporter.PageSize)
            {
                await membership.StageAsync(audience, page, cancellationToken);
                page.Clear();
            }
        }

        await membership.StageAsync(audience, page, cancellationToken);
        int joined = 0, left = 0;
        await foreach (var changes in membership.ChangesAsync(audience, cancellationToken))
        {
            var messages = changes.Select(c => new AudienceChange(audience, c.CustomerId, c.Joined, generation, now)).ToList();
            await publisher.PublishAsync(messages, cancellationToken);
            joined += messages.Count(m => m.Joined);
            left += messages.Count(m => !m.Joined);
        }

        await membership.CommitAsync(audience, cancellationToken);
        return (joined, left);
    }
}
