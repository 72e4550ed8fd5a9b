using Microsoft.Extensions.Options;
using Npgsql;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// Installs change tracking once the host has started its services (so a host's own schema set-up runs first), or on
/// first use without a host, idempotently: checks each declared table against the database (it exists, has the
/// columns, and its key columns are its primary key or a unique index), and on a back office (no
/// <see cref="PosFleetOptions.TerminalId"/>) re-creates the tracking trigger and, for a table tracked for the first time
/// or declared anew, logs all its rows; the triggers of a table no longer declared are dropped. Several instances
/// starting together take turns (a transaction advisory lock), so a table's rows are logged once.
/// </summary>
internal sealed class PostgreSqlChangeTracking(PostgreSqlDatabase database, IOptions<SyncTablesOptions> tables, IOptions<PosFleetOptions> fleet)
    : ChangeTrackingInstaller(tables, fleet)
{
    // "PFchange" in ASCII: apart from the migration lock.
    private const long LockKey = 0x50466368616E6765;

    protected override async Task InstallAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var table in Options.Tables)
            {
                await CheckAsync(connection, table, cancellationToken).ConfigureAwait(false);
            }

            if (TracksChanges)
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken).ConfigureAwait(false);
                    foreach (var table in Options.Tables)
                    {
                        await InstallAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
                    }

                    await UninstallAsync(connection, transaction, Options.Tables, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task InstallAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SyncTable table, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, PostgreSqlChangeSchema.Create(table), cancellationToken).ConfigureAwait(false);
        var definition = PostgreSqlChangeSchema.Definition(table);
        using (var read = PostgreSqlDatabase.Command(connection, transaction, "SELECT definition FROM sync_change_tables WHERE table_name = @name", ("name", table.Name)))
        {
            if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string installed && string.Equals(installed, definition, StringComparison.Ordinal))
            {
                return;
            }
        }

        await ExecuteAsync(connection, transaction, PostgreSqlChangeSchema.Backfill(table), cancellationToken).ConfigureAwait(false);
        using var write = PostgreSqlDatabase.Command(connection, transaction,
            "INSERT INTO sync_change_tables (table_name, definition) VALUES (@name, @definition) ON CONFLICT (table_name) DO UPDATE SET definition = EXCLUDED.definition",
            ("name", table.Name), ("definition", definition));
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the triggers of the tables tracked before but no longer declared, so the host's writes to them stop being
    /// logged; their changes stay and are passed over by the export. Declared again, a table is logged anew.
    /// </summary>
    private static async Task UninstallAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<SyncTable> declared, CancellationToken cancellationToken)
    {
        var names = declared.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        List<string> tracked;
        using (var read = PostgreSqlDatabase.Command(connection, transaction, "SELECT table_name FROM sync_change_tables"))
        {
            tracked = await PostgreSqlDatabase.ReadAllAsync(read, r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        }

        foreach (var name in tracked.Where(n => !names.Contains(n) && SyncIdentifier.IsValid(n)))
        {
            await ExecuteAsync(connection, transaction, PostgreSqlChangeSchema.Drop(name), cancellationToken).ConfigureAwait(false);
            using var forget = PostgreSqlDatabase.Command(connection, transaction, "DELETE FROM sync_change_tables WHERE table_name = @name", ("name", name));
            await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CheckAsync(NpgsqlConnection connection, SyncTable table, CancellationToken cancellationToken)
    {
        List<string> columns;
        using (var read = PostgreSqlDatabase.Command(connection, null,
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(@table) AND attnum > 0 AND NOT attisdropped", ("table", SyncIdentifier.Quote(table.Name))))
        {
            columns = await PostgreSqlDatabase.ReadAllAsync(read, r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        }

        if (columns.Count == 0)
        {
            throw new InvalidOperationException(
                $"Sync table '{table.Name}' does not exist in the PostgreSQL database {database.Name}: create it before the host starts (in the database of UsePostgreSqlStorage, on the connection's search_path), or remove it from AddSyncTables.");
        }

        foreach (var column in table.AllColumns())
        {
            if (!columns.Contains(column, StringComparer.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Sync table '{table.Name}' has no column '{column}' in the PostgreSQL database {database.Name} (names are matched exactly, as quoted identifiers): add the column, or correct the declaration.");
            }
        }

        // Every unique index without a predicate or an expression, the primary key's included.
        List<string[]> indexes;
        using (var read = PostgreSqlDatabase.Command(connection, null,
            """
            SELECT array_agg(a.attname::text) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = to_regclass(@table) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL GROUP BY i.indexrelid
            """,
            ("table", SyncIdentifier.Quote(table.Name))))
        {
            indexes = await PostgreSqlDatabase.ReadAllAsync(read, r => r.GetFieldValue<string[]>(0), cancellationToken).ConfigureAwait(false);
        }

        var key = new HashSet<string>(table.KeyColumns, StringComparer.Ordinal);
        if (!indexes.Any(index => key.SetEquals(index)))
        {
            throw new InvalidOperationException(
                $"The key of sync table '{table.Name}' ({string.Join(", ", table.KeyColumns)}) is neither its primary key nor a unique index: declare the primary key as KeyColumns, or create a unique index on those columns.");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
