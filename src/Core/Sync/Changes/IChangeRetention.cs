namespace PosFleet.Sync.Changes;

/// <summary>
/// The back office's change log retention: tombstones (the change records of deleted rows) are kept long enough for
/// every terminal to see them, then purged. A terminal whose checkpoint is older than the newest purged tombstone may
/// have missed a delete: the exporter then marks its batches <see cref="ChangeBatch.Reinitialize"/>, and the terminal
/// rebuilds the organization's rows from a full pass instead of skipping the deletes it never saw.
/// </summary>
public interface IChangeRetention
{
    /// <summary>
    /// Records the change log's high-water mark at <paramref name="now"/>, and purges the tombstones that were already
    /// in the log at <paramref name="olderThan"/> (as a mark recorded then shows).
    /// </summary>
    /// <param name="now">The time of this pass.</param>
    /// <param name="olderThan">Tombstones older than this go.</param>
    /// <param name="cancellationToken">Cancels the pass (the chunks purged before stay purged).</param>
    /// <returns>The number of tombstones purged.</returns>
    ValueTask<long> PurgeAsync(DateTimeOffset now, DateTimeOffset olderThan, CancellationToken cancellationToken);
}
