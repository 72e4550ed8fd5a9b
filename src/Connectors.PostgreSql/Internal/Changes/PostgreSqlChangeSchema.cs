using System.Security.Cryptography;
using System.Text;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// The SQL of change tracking for each declared table: one row trigger (insert, update of a travelling column, delete)
/// that logs the row's change, a tombstone for a delete, and a statement trigger for TRUNCATE. PosFleet's change
/// tables come from migration 0016; the trigger function depends on the host's declaration, so it is generated at
/// start-up, replacing the previous one. Identifiers come only from validated declarations and are quoted.
/// </summary>
internal static class PostgreSqlChangeSchema
{
    /// <summary>What the trigger depends on; a change re-creates it and logs every row again.</summary>
    public static string Definition(SyncTable table) =>
        string.Join('|', string.Join(',', table.KeyColumns), string.Join(',', table.AllColumns()), table.OrganizationColumn, table.TerminalColumn ?? "");

    /// <summary>
    /// The trigger function's name: <c>sync_changes_</c> and the table's name, or for a name too long for PostgreSQL's
    /// 63 bytes (with room for the <c>_truncate</c> trigger's suffix), its start and a hash, so that two long names never share one.
    /// </summary>
    public static string Function(string table)
    {
        var name = "sync_changes_" + table;
        if (name.Length <= 54)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(table)))[..12];
        return name[..41] + "_" + hash;
    }

    /// <summary>
    /// Drops the triggers of a table by name (also one no longer declared, or gone): dropping its function drops the row
    /// trigger; the TRUNCATE trigger calls the shared function, so it is dropped by name when the table is still there.
    /// </summary>
    public static string Drop(string table) =>
        $"DROP FUNCTION IF EXISTS \"{Function(table)}\"() CASCADE;\n"
        + $"DO $drop$ BEGIN IF to_regclass('{SyncIdentifier.Quote(table)}') IS NOT NULL THEN DROP TRIGGER IF EXISTS \"{Function(table)}_truncate\" ON {SyncIdentifier.Quote(table)}; END IF; END $drop$;";

    public static string Create(SyncTable table)
    {
        var function = Function(table.Name);
        var quoted = SyncIdentifier.Quote(table.Name);
        var organization = SyncIdentifier.Quote(table.OrganizationColumn);
        var columns = string.Join(", ", table.AllColumns().Select(SyncIdentifier.Quote));
        var sql = new StringBuilder();
        sql.Append(Drop(table.Name)).Append('\n');
        sql.Append($"CREATE FUNCTION \"{function}\"() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n")
            .Append($"    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ({Key(table, "OLD")} IS DISTINCT FROM {Key(table, "NEW")} OR OLD.{organization} IS DISTINCT FROM NEW.{organization})) THEN\n")
            .Append(Log(table, "OLD", deleted: true))
            .Append("    END IF;\n")
            .Append("    IF TG_OP IN ('INSERT', 'UPDATE') THEN\n")
            .Append(Log(table, "NEW", deleted: false))
            .Append("    END IF;\n    RETURN NULL;\nEND\n$body$;\n");
        sql.Append($"CREATE TRIGGER \"{function}\" AFTER INSERT OR UPDATE OF {columns} OR DELETE ON {quoted} FOR EACH ROW EXECUTE FUNCTION \"{function}\"();\n");
        sql.Append($"CREATE TRIGGER \"{function}_truncate\" AFTER TRUNCATE ON {quoted} FOR EACH STATEMENT EXECUTE FUNCTION sync_changes_truncated('{table.Name}');\n");
        return sql.ToString();
    }

    /// <summary>Logs every row of the table as changed (a table newly tracked, or declared anew).</summary>
    public static string Backfill(SyncTable table) =>
        $"INSERT INTO sync_changes (table_name, row_key, organization, terminal, deleted) SELECT '{table.Name}', {Key(table, null)}, coalesce({SyncIdentifier.Quote(table.OrganizationColumn)}::text, ''), {Terminal(table, null)}, false FROM {SyncIdentifier.Quote(table.Name)}\n"
        + "ON CONFLICT (table_name, row_key, organization) DO UPDATE SET terminal = EXCLUDED.terminal, deleted = false, seq = EXCLUDED.seq, position = NULL;";

    /// <summary>The expression of a row's key as the log holds it: the JSON array of its key columns.</summary>
    public static string Key(SyncTable table, string? row) =>
        "json_build_array(" + string.Join(", ", table.KeyColumns.Select(k => (row is null ? "" : row + ".") + SyncIdentifier.Quote(k))) + ")::text";

    // An upsert: the row's new change replaces its earlier one and waits to be handed a position again.
    private static string Log(SyncTable table, string row, bool deleted) =>
        $"        INSERT INTO sync_changes (table_name, row_key, organization, terminal, deleted) VALUES ('{table.Name}', {Key(table, row)}, coalesce({row}.{SyncIdentifier.Quote(table.OrganizationColumn)}::text, ''), {Terminal(table, row)}, {(deleted ? "true" : "false")})\n"
        + "        ON CONFLICT (table_name, row_key, organization) DO UPDATE SET terminal = EXCLUDED.terminal, deleted = EXCLUDED.deleted, seq = EXCLUDED.seq, position = NULL;\n";

    private static string Terminal(SyncTable table, string? row) =>
        table.TerminalColumn is null ? "NULL" : (row is null ? "" : row + ".") + SyncIdentifier.Quote(table.TerminalColumn) + "::text";
}
