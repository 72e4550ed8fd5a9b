namespace PosFleet.Cli.Sync;

/// <summary>The file: <c>{ "tables": [ … ] }</c>.</summary>
internal sealed class TablesFileModel
{
    public required IReadOnlyList<TableModel> Tables { get; init; }
}
