using PosFleet.Sync.Changes;

namespace PosFleet.Cli.Sync;

/// <summary>One declared table, as <see cref="SyncTable"/> without the resolver.</summary>
internal sealed class TableModel
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Key { get; init; }

    public IReadOnlyList<string>? Columns { get; init; }

    public required string OrganizationColumn { get; init; }

    public string? TerminalColumn { get; init; }

    public SyncConflictPolicy ConflictPolicy { get; init; } = SyncConflictPolicy.ServerWins;
}
