namespace PosFleet.Sync.Changes;

/// <summary>What importing one <see cref="ChangeBatch"/> did on the terminal.</summary>
public sealed record ChangeImportResult
{
    /// <summary>The terminal's checkpoint after the import.</summary>
    public long Checkpoint { get; init; }

    /// <summary>Whether the batch had been imported already (a replay): nothing was written.</summary>
    public bool AlreadyImported { get; init; }

    /// <summary>Rows inserted or updated.</summary>
    public int Written { get; init; }

    /// <summary>Rows deleted: deleted on the back office, or assigned to another terminal.</summary>
    public int Deleted { get; init; }

    /// <summary>Changes not applied because the terminal's row won (its conflict policy or resolver).</summary>
    public int KeptLocal { get; init; }
}
