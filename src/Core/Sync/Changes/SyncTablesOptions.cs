namespace PosFleet.Sync.Changes;

/// <summary>The host's tables that the back office exports to its terminals, and the size of a change batch; checked at start-up.</summary>
public sealed class SyncTablesOptions
{
    /// <summary>The tables, declared the same way on the back office and on the terminals.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<SyncTable> Tables { get; } = [];

    /// <summary>The most rows in one change batch.</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxBatchRows { get; set; } = 1000;

    /// <summary>About the most bytes of row values in one change batch (a single larger row still goes alone).</summary>
    /// <value>The default value is 1 MiB.</value>
    public long MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long the back office keeps a tombstone (the change record of a deleted row). It must outlast the longest
    /// time a terminal stays offline, as <see cref="SyncBackOfficeOptions.InboxRetention"/> does (at least 1 day): a
    /// terminal whose checkpoint is older than the tombstones kept is re-initialised with a full pass.
    /// </summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan TombstoneRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the tombstones older than <see cref="TombstoneRetention"/> are purged.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
