using System.Text;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>
/// The SQL of change tracking for each declared table: three triggers that log every insert, update and delete with a
/// new change version (a tombstone for a delete). PosFleet's own change tables are created by migration 0006; the
/// triggers depend on the host's declaration, so they are generated at start-up, replacing the previous ones.
/// Identifiers come only from validated declarations and are quoted.
/// </summary>
internal static class SqliteChangeSchema
{
    /// <summary>What the triggers depend on; a change re-creates them and logs every row again.</summary>
    public static string Definition(SyncTable table) =>
        string.Join('|', string.Join(',', table.KeyColumns), string.Join(',', table.AllColumns()), table.OrganizationColumn, table.TerminalColumn ?? "");

    public static string DropTriggers(SyncTable table) => DropTriggers(table.Name);

    /// <summary>Drops the triggers of a table by name (also one no longer declared).</summary>
    public static string DropTriggers(string name)
    {
        return $"DROP TRIGGER IF EXISTS \"sync_changes_{name}_insert\"; DROP TRIGGER IF EXISTS \"sync_changes_{name}_update\"; DROP TRIGGER IF EXISTS \"sync_changes_{name}_delete\";";
    }

    public static string CreateTriggers(SyncTable table)
    {
        var name = table.Name;
        var quoted = SyncIdentifier.Quote(name);
        var columns = string.Join(", ", table.AllColumns().Select(SyncIdentifier.Quote));
        var sql = new StringBuilder();
        sql.Append(DropTriggers(table)).Append('\n');
        sql.Append($"CREATE TRIGGER \"sync_changes_{name}_insert\" AFTER INSERT ON {quoted} BEGIN\n")
            .Append(Log(table, "NEW", deleted: false)).Append("END;\n");
        sql.Append($"CREATE TRIGGER \"sync_changes_{name}_update\" AFTER UPDATE OF {columns} ON {quoted} BEGIN\n")
            .Append(Forget(table, "OLD"))
            .Append($"  INSERT INTO sync_changes (table_name, row_key, organization, terminal, deleted) SELECT '{name}', {Key(table, "OLD")}, OLD.{SyncIdentifier.Quote(table.OrganizationColumn)}, {Terminal(table, "OLD")}, 1\n")
            .Append($"    WHERE {Key(table, "OLD")} IS NOT {Key(table, "NEW")} OR OLD.{SyncIdentifier.Quote(table.OrganizationColumn)} IS NOT NEW.{SyncIdentifier.Quote(table.OrganizationColumn)};\n")
            .Append(Log(table, "NEW", deleted: false)).Append("END;\n");
        sql.Append($"CREATE TRIGGER \"sync_changes_{name}_delete\" AFTER DELETE ON {quoted} BEGIN\n")
            .Append(Log(table, "OLD", deleted: true)).Append("END;\n");
        return sql.ToString();
    }

    /// <summary>Logs every row of the table as changed (a table newly tracked, or declared anew); the statement is ours, so OR REPLACE is safe here.</summary>
    public static string Backfill(SyncTable table) =>
        $"INSERT OR REPLACE INTO sync_changes (table_name, row_key, organization, terminal, deleted) SELECT '{table.Name}', {Key(table, null)}, {SyncIdentifier.Quote(table.OrganizationColumn)}, {Terminal(table, null)}, 0 FROM {SyncIdentifier.Quote(table.Name)};";

    // Delete, then insert: a conflict clause in a trigger would be overridden by the host's statement's (INSERT OR
    // IGNORE would then drop the change), and a plain insert after the delete cannot conflict.
    private static string Log(SyncTable table, string row, bool deleted) =>
        Forget(table, row)
        + $"  INSERT INTO sync_changes (table_name, row_key, organization, terminal, deleted) VALUES ('{table.Name}', {Key(table, row)}, {row}.{SyncIdentifier.Quote(table.OrganizationColumn)}, {Terminal(table, row)}, {(deleted ? 1 : 0)});\n";

    private static string Forget(SyncTable table, string row) =>
        $"  DELETE FROM sync_changes WHERE table_name = '{table.Name}' AND row_key = {Key(table, row)} AND organization IS {row}.{SyncIdentifier.Quote(table.OrganizationColumn)};\n";

    private static string Key(SyncTable table, string? row) =>
        "json_array(" + string.Join(", ", table.KeyColumns.Select(k => (row is null ? "" : row + ".") + SyncIdentifier.Quote(k))) + ")";

    private static string Terminal(SyncTable table, string? row) =>
        table.TerminalColumn is null ? "NULL" : (row is null ? "" : row + ".") + SyncIdentifier.Quote(table.TerminalColumn);
}
