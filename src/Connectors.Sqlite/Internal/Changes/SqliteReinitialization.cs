using Microsoft.Data.Sqlite;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>
/// A full re-initialisation on the terminal, across the batches of one pass and inside the importer's transactions:
/// <c>sync_change_reinit</c> holds the checkpoint the pass reached (so that its next batch, which may still start
/// below the back office's horizon, continues it rather than restarting it), and <c>sync_change_reinit_keys</c> the
/// keys of the rows the back office sent. When the last batch is in, the organization's local rows not among them are
/// removed as deletes from the back office would be, under each table's conflict policy (a
/// <see cref="SyncConflictPolicy.ClientWins"/> table keeps them; a <see cref="SyncConflictPolicy.Custom"/> resolver is asked).
/// </summary>
internal static class SqliteReinitialization
{
    /// <summary>The checkpoint the pass under way for <paramref name="organization"/> reached, or <see langword="null"/>.</summary>
    public static long? Cursor(SqliteConnection connection, string organization)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT cursor FROM sync_change_reinit WHERE organization = $organization;";
        command.Parameters.AddWithValue("$organization", organization);
        return command.ExecuteScalar() is long cursor ? cursor : null;
    }

    /// <summary>Starts a pass (or starts it again): no key seen yet.</summary>
    public static void Start(SqliteConnection connection, string organization) => Execute(
        connection,
        organization,
        "DELETE FROM sync_change_reinit_keys WHERE organization = $organization; INSERT INTO sync_change_reinit (organization, cursor) VALUES ($organization, 0) ON CONFLICT (organization) DO UPDATE SET cursor = 0;");

    public static void Advance(SqliteConnection connection, string organization, long cursor)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE sync_change_reinit SET cursor = $cursor WHERE organization = $organization;";
        command.Parameters.AddWithValue("$organization", organization);
        command.Parameters.AddWithValue("$cursor", cursor);
        command.ExecuteNonQuery();
    }

    public static void Finish(SqliteConnection connection, string organization) => Execute(
        connection,
        organization,
        "DELETE FROM sync_change_reinit_keys WHERE organization = $organization; DELETE FROM sync_change_reinit WHERE organization = $organization;");

    /// <summary>Remembers the keys of the rows the batch sends as present (in the form <c>json_array</c> gives the local rows' keys).</summary>
    public static void Record(SqliteConnection connection, string organization, SyncTablesOptions options, IReadOnlyList<RowChange> changes)
    {
        var commands = new Dictionary<string, (SqliteCommand Command, SqliteParameter[] Keys, SyncTable Table)>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var change in changes)
            {
                if (change.Deleted)
                {
                    continue;
                }

                if (!commands.TryGetValue(change.Table, out var insert))
                {
                    var table = options.Tables.First(t => string.Equals(t.Name, change.Table, StringComparison.OrdinalIgnoreCase));
                    var command = connection.CreateCommand();
                    command.CommandText = $"INSERT OR IGNORE INTO sync_change_reinit_keys (organization, table_name, row_key) VALUES ($organization, $table, json_array({string.Join(", ", table.KeyColumns.Select((_, i) => "$k" + i))}));";
                    command.Parameters.AddWithValue("$organization", organization);
                    command.Parameters.AddWithValue("$table", table.Name);
                    insert = (command, table.KeyColumns.Select((_, i) => SqliteValues.Add(command, "$k" + i)).ToArray(), table);
                    commands[change.Table] = insert;
                }

                for (var i = 0; i < insert.Keys.Length; i++)
                {
                    insert.Keys[i].Value = SqliteValues.ToParameter(change.Values[insert.Table.KeyColumns[i]]);
                }

                insert.Command.ExecuteNonQuery();
            }
        }
        finally
        {
            foreach (var (command, _, _) in commands.Values)
            {
                command.Dispose();
            }
        }
    }

    /// <summary>The organization's local rows the pass did not send, as deletes for the applier.</summary>
    public static List<RowChange> Absent(SqliteConnection connection, string organization, SyncTablesOptions options)
    {
        var absent = new List<RowChange>();
        foreach (var table in options.Tables)
        {
            var keys = string.Join(", ", table.KeyColumns.Select(SyncIdentifier.Quote));
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {keys} FROM {SyncIdentifier.Quote(table.Name)} AS t
                WHERE t.{SyncIdentifier.Quote(table.OrganizationColumn)} IS $organization
                  AND NOT EXISTS (SELECT 1 FROM sync_change_reinit_keys k WHERE k.organization = $organization AND k.table_name = $table AND k.row_key = json_array({string.Join(", ", table.KeyColumns.Select(c => "t." + SyncIdentifier.Quote(c)))}));
                """;
            command.Parameters.AddWithValue("$organization", organization);
            command.Parameters.AddWithValue("$table", table.Name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                absent.Add(new RowChange { Table = table.Name, Deleted = true, Values = ChangeRowJson.Row(reader, table.KeyColumns, 0).Values });
            }
        }

        return absent;
    }

    private static void Execute(SqliteConnection connection, string organization, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$organization", organization);
        command.ExecuteNonQuery();
    }
}
