using System.Data;
using System.Text.Json;
using Npgsql;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// Exports an organization's changes from the change log. The committed changes are first handed their positions
/// (<see cref="PostgreSqlChangeStamp"/>); then everything is read in one repeatable-read transaction, so the log's rows,
/// the tables' rows, the horizon and the last position all come from the same snapshot, and a change committed
/// meanwhile gets a position above the checkpoint returned.
/// </summary>
internal sealed class PostgreSqlChangeExporter(PostgreSqlDatabase database, PostgreSqlChangeTracking tracking) : IChangeExporter
{
    public async ValueTask<ChangeBatch> ExportAsync(string organization, string? terminalId, long checkpoint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        ArgumentOutOfRangeException.ThrowIfNegative(checkpoint);
        await tracking.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var options = tracking.Options;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PostgreSqlChangeStamp.RunAsync(connection, cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // A checkpoint below the newest purged tombstone may have missed a delete: the batches are marked for a
                // full re-initialisation (the terminal starts again from 0).
                long horizon, lastPosition;
                using (var state = new NpgsqlCommand("SELECT min_valid_position, last_position FROM sync_change_state WHERE id = 1", connection, transaction))
                {
                    var reader = await state.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                        (horizon, lastPosition) = (reader.GetInt64(0), reader.GetInt64(1));
                    }
                }

                using var read = PostgreSqlDatabase.Command(connection, transaction,
                    "SELECT position, table_name, row_key, terminal, deleted FROM sync_changes WHERE organization = @organization AND position > @checkpoint ORDER BY position LIMIT @limit",
                    ("organization", organization), ("checkpoint", checkpoint), ("limit", options.MaxBatchRows + 1));
                var log = await PostgreSqlDatabase.ReadAllAsync(
                    read,
                    r => (Position: r.GetInt64(0), Table: r.GetString(1), Key: r.GetString(2), Terminal: r.IsDBNull(3) ? null : r.GetString(3), Deleted: r.GetBoolean(4)),
                    cancellationToken).ConfigureAwait(false);

                var changes = new List<RowChange>();
                var rows = new PostgreSqlRowReader(connection, transaction);
                await using (rows.ConfigureAwait(false))
                {
                    long bytes = 0, last = checkpoint;
                    var more = false;
                    foreach (var entry in log)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (changes.Count == options.MaxBatchRows)
                        {
                            more = true;
                            break;
                        }

                        var table = tracking.Find(entry.Table);
                        if (table is null)
                        {
                            // A table no longer declared: its changes are passed over.
                            last = entry.Position;
                            continue;
                        }

                        var elsewhere = table.TerminalColumn is not null && terminalId is not null && !string.Equals(entry.Terminal, terminalId, StringComparison.Ordinal);
                        var values = entry.Deleted || elsewhere ? null : await rows.ReadAsync(table, entry.Key, cancellationToken).ConfigureAwait(false);
                        var change = values is null
                            ? new RowChange { Table = table.Name, Version = entry.Position, Deleted = true, Values = PostgreSqlValues.KeyValues(table, entry.Key) }
                            : new RowChange { Table = table.Name, Version = entry.Position, Values = values.Value.Values };
                        var size = 32 + (values?.Bytes ?? entry.Key.Length);
                        if (changes.Count > 0 && bytes + size > options.MaxBatchBytes)
                        {
                            more = true;
                            break;
                        }

                        changes.Add(change);
                        bytes += size;
                        last = entry.Position;
                    }

                    if (!more)
                    {
                        // Caught up: the snapshot's last position, so the next export starts past other organizations' changes too.
                        last = Math.Max(last, lastPosition);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return new ChangeBatch
                    {
                        Organization = organization, FromCheckpoint = checkpoint, Checkpoint = last, HasMore = more,
                        Reinitialize = checkpoint < horizon, Changes = changes,
                    };
                }
            }
        }
    }

    public async ValueTask<IReadOnlyList<TerminalRowAssignment>> ListAssignmentsAsync(string organization, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        await tracking.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var assignments = new List<TerminalRowAssignment>();
        foreach (var table in tracking.Options.Tables.Where(t => t.TerminalColumn is not null).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var terminal = SyncIdentifier.Quote(table.TerminalColumn!);
            var keys = string.Join(", ", table.KeyColumns.Select(SyncIdentifier.Quote));
            assignments.AddRange(await database.QueryAsync(
                $"SELECT {terminal}::text, {keys} FROM {SyncIdentifier.Quote(table.Name)} WHERE {SyncIdentifier.Quote(table.OrganizationColumn)}::text = @organization AND {terminal} IS NOT NULL ORDER BY {terminal}, {keys}",
                r => new TerminalRowAssignment { Table = table.Name, TerminalId = r.GetString(0), Key = PostgreSqlValues.Row(r, table.KeyColumns, 1).Values },
                cancellationToken,
                ("organization", organization)).ConfigureAwait(false));
        }

        return assignments;
    }
}
