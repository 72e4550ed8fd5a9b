namespace PosFleet.Sync.Changes;

/// <summary>What importing one <see cref="ChangeBatch"/> did on the terminal.</summary>
public sealed record ChangeImportResult
{
    /// <summary>The terminal's checkpoint after the import.</summary>
    public long Checkpoint { get; init; }

    /// <summary>Whether the batch had been imported already (a replay): nothing was written.</summary>
    public bool AlreadyImported { get; init; }

    /// <summary>
    /// Whether the batch asked for a full re-initialisation (<see cref="ChangeBatch.Reinitialize"/>) that this terminal
    /// could not start from it: nothing was applied and the checkpoint was reset to 0, so the next export is the full pass.
    /// </summary>
    public bool CheckpointReset { get; init; }

    /// <summary>Rows inserted or updated.</summary>
    public int Written { get; init; }

    /// <summary>Rows deleted: deleted on the back office, assigned to another terminal, or left out of a full re-initialisation.</summary>
    public int Deleted { get; init; }

    /// <summary>Changes not applied because the terminal's row won (its conflict policy or resolver).</summary>
    public int KeptLocal { get; init; }
}
