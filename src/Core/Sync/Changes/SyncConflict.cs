namespace PosFleet.Sync.Changes;

/// <summary>A change from the back office for a row the terminal already holds, given to an <see cref="ISyncConflictResolver"/>.</summary>
public sealed record SyncConflict
{
    /// <summary>The table.</summary>
    public required SyncTable Table { get; init; }

    /// <summary>The terminal's row: each declared column and its value (<see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/> array or <see langword="null"/>).</summary>
    public required IReadOnlyDictionary<string, object?> Local { get; init; }

    /// <summary>The back office's row in the same form, or only its key columns when <see cref="Deleted"/>.</summary>
    public required IReadOnlyDictionary<string, object?> Incoming { get; init; }

    /// <summary>Whether the back office deleted the row.</summary>
    public bool Deleted { get; init; }
}
