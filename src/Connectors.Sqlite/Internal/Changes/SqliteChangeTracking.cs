using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>
/// Installs change tracking (when: <see cref="ChangeTrackingInstaller"/>), idempotently (PosFleet's change tables come from
/// migration 0006): checks each declared table against the file (it exists, has the columns, and its key columns
/// are its primary key or a unique index), and on a back office (no <see cref="PosFleetOptions.TerminalId"/>)
/// re-creates the tracking triggers and, for a table tracked for the first time or declared anew, logs all its rows;
/// the triggers of a table no longer declared are dropped.
/// Triggers mean a host cannot forget to record a change: every write to the table is logged in its own transaction.
/// </summary>
internal sealed class SqliteChangeTracking(SqliteDatabase database, IOptions<SyncTablesOptions> tables, IOptions<PosFleetOptions> fleet)
    : ChangeTrackingInstaller(tables, fleet)
{
    protected override async Task InstallAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                foreach (var table in Options.Tables)
                {
                    Check(connection, table);
                }

                using var transaction = connection.BeginTransaction(deferred: false);
                if (TracksChanges)
                {
                    foreach (var table in Options.Tables)
                    {
                        Install(connection, table);
                    }

                    Uninstall(connection, Options.Tables);
                }

                transaction.Commit();
            }
        }
        catch (SqliteException ex)
        {
            throw database.Explain(ex);
        }
    }

    private static void Install(SqliteConnection connection, SyncTable table)
    {
        Execute(connection, SqliteChangeSchema.CreateTriggers(table));
        var definition = SqliteChangeSchema.Definition(table);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT definition FROM sync_change_tables WHERE table_name = $name;";
        read.Parameters.AddWithValue("$name", table.Name);
        if (read.ExecuteScalar() is string installed && string.Equals(installed, definition, StringComparison.Ordinal))
        {
            return;
        }

        Execute(connection, SqliteChangeSchema.Backfill(table));
        using var write = connection.CreateCommand();
        write.CommandText = "INSERT INTO sync_change_tables (table_name, definition) VALUES ($name, $definition) ON CONFLICT (table_name) DO UPDATE SET definition = excluded.definition;";
        write.Parameters.AddWithValue("$name", table.Name);
        write.Parameters.AddWithValue("$definition", definition);
        write.ExecuteNonQuery();
    }

    /// <summary>
    /// Drops the triggers of the tables tracked before but no longer declared, so the host's writes to them stop
    /// being logged; their changes stay and are passed over by the export. Declared again, a table is logged anew.
    /// </summary>
    private static void Uninstall(SqliteConnection connection, IEnumerable<SyncTable> declared)
    {
        var names = declared.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var gone = new List<string>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT table_name FROM sync_change_tables;";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                if (!names.Contains(reader.GetString(0)) && SyncIdentifier.IsValid(reader.GetString(0)))
                {
                    gone.Add(reader.GetString(0));
                }
            }
        }

        foreach (var name in gone)
        {
            Execute(connection, SqliteChangeSchema.DropTriggers(name));
            using var forget = connection.CreateCommand();
            forget.CommandText = "DELETE FROM sync_change_tables WHERE table_name = $name;";
            forget.Parameters.AddWithValue("$name", name);
            forget.ExecuteNonQuery();
        }
    }

    private void Check(SqliteConnection connection, SyncTable table)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, pk FROM pragma_table_info($table);";
            command.Parameters.AddWithValue("$table", table.Name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        if (columns.Count == 0)
        {
            throw new InvalidOperationException(
                $"Sync table '{table.Name}' does not exist in '{database.Path}': create it before the host starts (in the file of UseSqliteStorage), or remove it from AddSyncTables.");
        }

        foreach (var column in table.AllColumns())
        {
            if (!columns.ContainsKey(column))
            {
                throw new InvalidOperationException($"Sync table '{table.Name}' has no column '{column}' in '{database.Path}': add the column, or correct the declaration.");
            }
        }

        var key = new HashSet<string>(table.KeyColumns, StringComparer.OrdinalIgnoreCase);
        var primaryKey = columns.Where(c => c.Value > 0).Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (primaryKey.SetEquals(key) || UniqueIndexes(connection, table.Name).Any(index => index.SetEquals(key)))
        {
            return;
        }

        throw new InvalidOperationException(
            $"The key of sync table '{table.Name}' ({string.Join(", ", table.KeyColumns)}) is neither its primary key nor a unique index: declare the primary key as KeyColumns, or create a unique index on those columns.");
    }

    private static List<HashSet<string>> UniqueIndexes(SqliteConnection connection, string table)
    {
        var names = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM pragma_index_list($table) WHERE \"unique\" = 1 AND partial = 0;";
            command.Parameters.AddWithValue("$table", table);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        var indexes = new List<HashSet<string>>();
        foreach (var name in names)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM pragma_index_info($index);";
            command.Parameters.AddWithValue("$index", name);
            using var reader = command.ExecuteReader();
            var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read())
            {
                columns.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
            }

            indexes.Add(columns);
        }

        return indexes;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
