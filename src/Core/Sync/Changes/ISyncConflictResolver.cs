namespace PosFleet.Sync.Changes;

/// <summary>
/// A host's conflict rule for a table with <see cref="SyncConflictPolicy.Custom"/>: called inside the import
/// transaction for each incoming change whose row the terminal already holds. Keep it quick and free of I/O.
/// </summary>
public interface ISyncConflictResolver
{
    /// <summary>Decides whether the terminal keeps its row or takes the back office's change.</summary>
    /// <param name="conflict">The two rows.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The decision.</returns>
    ValueTask<SyncConflictDecision> ResolveAsync(SyncConflict conflict, CancellationToken cancellationToken);
}
