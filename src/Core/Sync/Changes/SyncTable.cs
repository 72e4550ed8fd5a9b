namespace PosFleet.Sync.Changes;

/// <summary>
/// A table of the host's own database that the back office exports to its terminals (seed 003: items, prices, users).
/// Declared by the host with <c>AddSyncTables</c>, the same on both sides, and checked at start-up. Names are plain
/// SQL identifiers (letters, digits, underscores, not starting with a digit); they are always quoted in SQL.
/// </summary>
public sealed class SyncTable
{
    /// <summary>The table's name, such as <c>users</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The column(s) of the table's primary key or of a unique index, in order, such as <c>["id"]</c>.</summary>
    public required IReadOnlyList<string> KeyColumns { get; init; }

    /// <summary>
    /// The columns that travel, key, organization and terminal columns included (they are added when missing).
    /// Columns not listed stay on the side where they were written.
    /// </summary>
    /// <value>The default value is an empty list (only the key, organization and terminal columns).</value>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The column holding the organization a row belongs to (seed 003: the company folder); a row goes only to that organization's terminals.</summary>
    public required string OrganizationColumn { get; init; }

    /// <summary>
    /// The column assigning a row to one terminal (seed 003: a user's till), or <see langword="null"/> when every
    /// terminal of the organization gets every row. A row assigned to another terminal, or to none, is not sent (it is
    /// sent as a removal) and is deleted from a terminal that holds it, so a terminal keeps only its own rows.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? TerminalColumn { get; init; }

    /// <summary>What the terminal's import does when a change meets a row the terminal holds.</summary>
    /// <value>The default value is <see cref="SyncConflictPolicy.ServerWins"/>.</value>
    public SyncConflictPolicy ConflictPolicy { get; init; } = SyncConflictPolicy.ServerWins;

    /// <summary>The host's resolver; required with <see cref="SyncConflictPolicy.Custom"/>, not allowed otherwise.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ISyncConflictResolver? Resolver { get; init; }

    /// <summary>Every column that travels, in order: the key columns, the declared columns, then the organization and terminal columns, each once.</summary>
    /// <returns>The column names.</returns>
    public IReadOnlyList<string> AllColumns()
    {
        var all = new List<string>();
        foreach (var column in KeyColumns.Concat(Columns).Append(OrganizationColumn))
        {
            if (!all.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                all.Add(column);
            }
        }

        if (TerminalColumn is not null && !all.Contains(TerminalColumn, StringComparer.OrdinalIgnoreCase))
        {
            all.Add(TerminalColumn);
        }

        return all;
    }
}
