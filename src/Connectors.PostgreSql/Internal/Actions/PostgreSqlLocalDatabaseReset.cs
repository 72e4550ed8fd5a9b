using Microsoft.Extensions.Options;
using PosFleet.Actions.BuiltIn;
using PosFleet.Connectors.PostgreSql.Internal.Changes;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Actions;

/// <summary>
/// Empties the terminal's synced tables (those declared with <c>AddSyncTables</c>) and its side of change tracking
/// (checkpoints, a re-initialisation under way) in one transaction, as on SQLite, after the imports under way (the importer's advisory lock): the next exchange asks from
/// checkpoint 0 and imports a full export. The outbox is not touched, nor the change log (<c>sync_changes</c>), which
/// is a back office's and holds nothing of a terminal's: its positions are handed out once, and clearing it would only
/// break the export of a back office sharing the server database.
/// </summary>
internal sealed class PostgreSqlLocalDatabaseReset(PostgreSqlDatabase database, IOptions<SyncTablesOptions> tables) : ILocalDatabaseReset
{
    // A reinit cursor left behind would make the next batch continue an old pass instead of starting a full one.
    private const string ClearTracking = "DELETE FROM sync_change_checkpoints; DELETE FROM sync_change_reinit_keys; DELETE FROM sync_change_reinit";

    public async ValueTask<long> ResetAsync(CancellationToken cancellationToken) => await database.WriteAsync(
        async (connection, transaction) =>
        {
            // Waits for the imports under way and holds the next ones off, so none writes a checkpoint past the rows emptied here.
            using (var turn = PostgreSqlDatabase.Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@reset, 0))", ("reset", PostgreSqlChangeImporter.ResetLockKey)))
            {
                await turn.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long deleted = 0;
            foreach (var table in tables.Value.Tables)
            {
                // A declared table missing from the database holds nothing to reset (start-up names it when tracking is installed).
                using var exists = PostgreSqlDatabase.Command(connection, transaction, "SELECT to_regclass(@table) IS NOT NULL", ("table", SyncIdentifier.Quote(table.Name)));
                if ((bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    using var delete = PostgreSqlDatabase.Command(connection, transaction, $"DELETE FROM {SyncIdentifier.Quote(table.Name)}");
                    deleted += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            using var clear = PostgreSqlDatabase.Command(connection, transaction, ClearTracking);
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        },
        cancellationToken).ConfigureAwait(false);
}
