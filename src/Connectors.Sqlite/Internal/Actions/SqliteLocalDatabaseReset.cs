using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PosFleet.Actions.BuiltIn;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Internal.Actions;

/// <summary>
/// Empties the terminal's synced tables (those declared with <c>AddSyncTables</c>) and its change-tracking rows
/// (checkpoints, a re-initialisation under way, any logged change) in one transaction: the next exchange asks from
/// checkpoint 0 and imports a full export. The outbox is not touched.
/// </summary>
internal sealed class SqliteLocalDatabaseReset(SqliteDatabase database, IOptions<SyncTablesOptions> tables) : ILocalDatabaseReset
{
    // A reinit cursor left behind would make the next batch continue an old pass instead of starting a full one.
    private static readonly string[] TrackingTables = ["sync_change_checkpoints", "sync_change_reinit_keys", "sync_change_reinit", "sync_changes"];

    public async ValueTask<long> ResetAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                long deleted = 0;
                foreach (var table in tables.Value.Tables)
                {
                    if (Exists(connection, transaction, table.Name))
                    {
                        using var delete = connection.CreateCommand();
                        delete.Transaction = transaction;
                        delete.CommandText = $"DELETE FROM {SyncIdentifier.Quote(table.Name)};";
                        deleted += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                foreach (var tracking in TrackingTables)
                {
                    if (Exists(connection, transaction, tracking))
                    {
                        using var clear = connection.CreateCommand();
                        clear.Transaction = transaction;
                        clear.CommandText = $"DELETE FROM {tracking};";
                        await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return deleted;
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }

    private static bool Exists(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name);";
        command.Parameters.AddWithValue("$name", table);
        return (long)command.ExecuteScalar()! == 1;
    }
}
