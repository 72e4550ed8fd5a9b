using System.Text.Json;

namespace PosFleet.Sync.Changes;

/// <summary>A row of a table with a <see cref="SyncTable.TerminalColumn"/> and the terminal that holds it (seed 003: which till has which user).</summary>
public sealed record TerminalRowAssignment
{
    /// <summary>The table.</summary>
    public required string Table { get; init; }

    /// <summary>The terminal the row is assigned to.</summary>
    public required string TerminalId { get; init; }

    /// <summary>The row's key columns and values.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Key { get; init; }
}
