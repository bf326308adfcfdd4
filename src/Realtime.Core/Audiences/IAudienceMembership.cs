namespace Realtime.Core.Audiences;

/// <summary>
/// The committed members of each named audience and a staging set the refresh fills; the changes are the two sets'
/// differences. A generation number, incremented by each commit, dates the changes.
/// </summary>
public interface IAudienceMembership
{
    /// <summary>Takes the refresh lease of an audience for <paramref name="duration"/> (one refresher at a time); false when another holds it.</summary>
    Task<bool> TryLeaseAsync(string audience, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>The generation of the committed members (0 before the first commit).</summary>
    Task<long> GenerationAsync(string audience, CancellationToken cancellationToken);

    /// <summary>Empties the staging set.</summary>
    Task ClearStagingAsync(string audience, CancellationToken cancellationToken);

    /// <summary>Adds members to the staging set.</summary>
    Task StageAsync(string audience, IReadOnlyList<string> customerIds, CancellationToken cancellationToken);

    /// <summary>Staged but not committed (<c>true</c>: joined), then committed but not staged (left), in pages.</summary>
    IAsyncEnumerable<IReadOnlyList<(string CustomerId, bool Joined)>> ChangesAsync(string audience, CancellationToken cancellationToken);

    /// <summary>Makes the staging set the members and increments the generation, in one step.</summary>
    Task CommitAsync(string audience, CancellationToken cancellationToken);
}
