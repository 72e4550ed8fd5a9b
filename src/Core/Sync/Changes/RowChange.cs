using System.Text.Json;

namespace PosFleet.Sync.Changes;

/// <summary>One row's change in a <see cref="ChangeBatch"/>: the row as it is now, or its key when it was deleted.</summary>
public sealed record RowChange
{
    /// <summary>The table (<see cref="SyncTable.Name"/>).</summary>
    public required string Table { get; init; }

    /// <summary>The row's change version on the back office: it grows with every change of any tracked row.</summary>
    public long Version { get; init; }

    /// <summary>Whether the row was deleted, or is no longer this terminal's (then <see cref="Values"/> holds only the key).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Deleted { get; init; }

    /// <summary>
    /// The row's columns: JSON numbers, strings, <see langword="null"/>, and <c>{"base64": "..."}</c> for a blob.
    /// Only the key columns for a deleted row.
    /// </summary>
    public required IReadOnlyDictionary<string, JsonElement> Values { get; init; }
}
