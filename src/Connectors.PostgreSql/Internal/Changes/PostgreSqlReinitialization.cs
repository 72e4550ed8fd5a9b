using Npgsql;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// A full re-initialisation on the terminal, across the batches of one pass and inside the importer's transactions, as
/// on SQLite: <c>sync_change_reinit</c> holds the checkpoint the pass reached, and <c>sync_change_reinit_keys</c> the keys
/// of the rows the back office sent. A key is recorded as read back from the host's table once written
/// (<c>jsonb_build_array</c> of its key columns), the very expression the sweep compares the local rows with, so a key
/// compares equal whatever its column's type. When the last batch is in, the organization's local rows not among them
/// are removed as deletes from the back office would be, under each table's conflict policy.
/// </summary>
internal sealed class PostgreSqlReinitialization(NpgsqlConnection connection, NpgsqlTransaction transaction, string organization)
{
    /// <summary>The checkpoint the pass under way reached, or <see langword="null"/>.</summary>
    public async Task<long?> CursorAsync(CancellationToken cancellationToken)
    {
        using var command = Command("SELECT cursor FROM sync_change_reinit WHERE organization = @organization");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long cursor ? cursor : null;
    }

    /// <summary>Starts a pass (or starts it again): no key seen yet.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => ExecuteAsync(
        "DELETE FROM sync_change_reinit_keys WHERE organization = @organization; INSERT INTO sync_change_reinit (organization, cursor) VALUES (@organization, 0) ON CONFLICT (organization) DO UPDATE SET cursor = 0",
        cancellationToken);

    public async Task AdvanceAsync(long cursor, CancellationToken cancellationToken)
    {
        using var command = Command("UPDATE sync_change_reinit SET cursor = @cursor WHERE organization = @organization");
        command.Parameters.AddWithValue("cursor", cursor);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task FinishAsync(CancellationToken cancellationToken) => ExecuteAsync(
        "DELETE FROM sync_change_reinit_keys WHERE organization = @organization; DELETE FROM sync_change_reinit WHERE organization = @organization",
        cancellationToken);

    /// <summary>Remembers the keys of the rows the batch sends as present, read back from the host's tables.</summary>
    public async Task RecordAsync(SyncTablesOptions options, IReadOnlyList<RowChange> changes, CancellationToken cancellationToken)
    {
        var commands = new Dictionary<string, (NpgsqlCommand Command, NpgsqlParameter[] Keys, SyncTable Table)>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var change in changes.Where(c => !c.Deleted))
            {
                if (!commands.TryGetValue(change.Table, out var insert))
                {
                    var table = options.Tables.First(t => string.Equals(t.Name, change.Table, StringComparison.OrdinalIgnoreCase));
                    var command = Command(
                        $"""
                        INSERT INTO sync_change_reinit_keys (organization, table_name, row_key)
                        SELECT @organization, @table, {Key(table)} FROM {SyncIdentifier.Quote(table.Name)} AS t
                        WHERE {string.Join(" AND ", table.KeyColumns.Select((k, i) => $"t.{SyncIdentifier.Quote(k)} = @k{i}"))}
                        ON CONFLICT DO NOTHING
                        """);
                    command.Parameters.AddWithValue("table", table.Name);
                    insert = (command, [.. table.KeyColumns.Select((_, i) => command.Parameters.Add(new NpgsqlParameter { ParameterName = "k" + i }))], table);
                    commands[change.Table] = insert;
                }

                for (var i = 0; i < insert.Keys.Length; i++)
                {
                    PostgreSqlValues.Bind(insert.Keys[i], change.Values[insert.Table.KeyColumns[i]]);
                }

                await insert.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var (command, _, _) in commands.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The organization's local rows the pass did not send, as deletes for the applier.</summary>
    public async Task<List<RowChange>> AbsentAsync(SyncTablesOptions options, CancellationToken cancellationToken)
    {
        var absent = new List<RowChange>();
        foreach (var table in options.Tables)
        {
            using var command = Command(
                $"""
                SELECT {string.Join(", ", table.KeyColumns.Select(k => "t." + SyncIdentifier.Quote(k)))} FROM {SyncIdentifier.Quote(table.Name)} AS t
                WHERE t.{SyncIdentifier.Quote(table.OrganizationColumn)}::text = @organization
                  AND NOT EXISTS (SELECT 1 FROM sync_change_reinit_keys k WHERE k.organization = @organization AND k.table_name = @table AND k.row_key = {Key(table)})
                """);
            command.Parameters.AddWithValue("table", table.Name);
            absent.AddRange(await PostgreSqlDatabase.ReadAllAsync(
                command,
                r => new RowChange { Table = table.Name, Deleted = true, Values = ChangeRowJson.Row(r, table.KeyColumns, 0).Values },
                cancellationToken).ConfigureAwait(false));
        }

        return absent;
    }

    private static string Key(SyncTable table) =>
        "jsonb_build_array(" + string.Join(", ", table.KeyColumns.Select(k => "t." + SyncIdentifier.Quote(k))) + ")";

    private NpgsqlCommand Command(string sql) => PostgreSqlDatabase.Command(connection, transaction, sql, ("organization", organization));

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
