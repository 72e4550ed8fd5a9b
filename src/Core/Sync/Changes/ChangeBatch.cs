namespace PosFleet.Sync.Changes;

/// <summary>
/// The changes of one organization's tracked tables since a terminal's checkpoint, in version order, bounded in rows
/// and bytes (ARCHITECTURE.md: "change batch since the terminal's checkpoint (+ new checkpoint)"). A terminal that
/// imports it stores <see cref="Checkpoint"/> in the same transaction, and asks for the rest while <see cref="HasMore"/>.
/// </summary>
public sealed record ChangeBatch
{
    /// <summary>The organization whose rows these are.</summary>
    public required string Organization { get; init; }

    /// <summary>The checkpoint the batch starts after (the terminal's, when it asked).</summary>
    public long FromCheckpoint { get; init; }

    /// <summary>The checkpoint the terminal holds once the batch is imported.</summary>
    public long Checkpoint { get; init; }

    /// <summary>Whether more changes wait after <see cref="Checkpoint"/>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool HasMore { get; init; }

    /// <summary>
    /// Whether the batch belongs to a full re-initialisation: the terminal's checkpoint is older than the oldest change
    /// the back office still keeps (tombstones older than <see cref="SyncTablesOptions.TombstoneRetention"/> are purged),
    /// so deletes may be missing in between. The terminal imports the organization's rows again from checkpoint 0 and,
    /// once the last batch is in, removes its local rows the back office did not send, as it would a delete.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Reinitialize { get; init; }

    /// <summary>The changes, in version order.</summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<RowChange> Changes { get; init; } = [];
}
