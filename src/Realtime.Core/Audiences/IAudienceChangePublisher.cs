namespace Realtime.Core.Audiences;

/// <summary>Publishes audience membership changes (<c>realtime.audiences</c>) and returns once the broker acknowledged them.</summary>
public interface IAudienceChangePublisher
{
    Task PublishAsync(IReadOnlyList<AudienceChange> changes, CancellationToken cancellationToken);
}
