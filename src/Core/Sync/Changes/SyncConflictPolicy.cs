namespace PosFleet.Sync.Changes;

/// <summary>What a terminal's import does when a change from the back office meets a row the terminal already holds.</summary>
public enum SyncConflictPolicy
{
    /// <summary>The back office's row replaces the terminal's, and its deletes remove the terminal's row (master data: prices, items, users).</summary>
    ServerWins,

    /// <summary>The terminal's row is kept against both an update and a delete; a row the terminal lacks is inserted.</summary>
    ClientWins,

    /// <summary>Rows are inserted once and never updated (tickets never conflict); a delete still removes the row.</summary>
    AppendOnly,

    /// <summary>The table's <see cref="SyncTable.Resolver"/> decides, row by row, whenever the terminal already holds the row.</summary>
    Custom,
}
