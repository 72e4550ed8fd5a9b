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
    // How many of the log's entries one read of rows covers: a batch cut short by its byte limit reads few rows it drops.
    private const int ReadAhead = 256;

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
                var values = new (Dictionary<string, JsonElement> Values, int Bytes)?[log.Count];
                long bytes = 0, last = checkpoint;
                var more = false;
                var fetched = 0;
                for (var i = 0; i < log.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var entry = log[i];
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

                    if (i >= fetched)
                    {
                        // The rows of the next run of the log, one query per table rather than one per key.
                        fetched = Math.Min(log.Count, i + ReadAhead);
                        await ReadRowsAsync(rows, log, i, fetched, terminalId, values, cancellationToken).ConfigureAwait(false);
                    }

                    var row = values[i];
                    var change = row is null
                        ? new RowChange { Table = table.Name, Version = entry.Position, Deleted = true, Values = ChangeRowJson.KeyValues(table, entry.Key) }
                        : new RowChange { Table = table.Name, Version = entry.Position, Values = row.Value.Values };
                    var size = 32 + (row?.Bytes ?? entry.Key.Length);
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

    /// <summary>
    /// Reads the rows of the log's entries from <paramref name="from"/> to <paramref name="to"/> that go with their values
    /// (not a tombstone, nor a row assigned to another terminal), one query per table; the others stay <see langword="null"/>.
    /// </summary>
    private async Task ReadRowsAsync(
        PostgreSqlRowReader rows,
        List<(long Position, string Table, string Key, string? Terminal, bool Deleted)> log,
        int from,
        int to,
        string? terminalId,
        (Dictionary<string, JsonElement> Values, int Bytes)?[] values,
        CancellationToken cancellationToken)
    {
        var wanted = new List<(int Index, SyncTable Table)>();
        for (var i = from; i < to; i++)
        {
            var entry = log[i];
            if (!entry.Deleted && tracking.Find(entry.Table) is { } table
                && !(table.TerminalColumn is not null && terminalId is not null && !string.Equals(entry.Terminal, terminalId, StringComparison.Ordinal)))
            {
                wanted.Add((i, table));
            }
        }

        foreach (var group in wanted.GroupBy(w => w.Table))
        {
            var indexes = group.Select(w => w.Index).ToList();
            var read = await rows.ReadAsync(group.Key, [.. indexes.Select(i => log[i].Key)], cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < indexes.Count; k++)
            {
                values[indexes[k]] = read[k];
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
                r => new TerminalRowAssignment { Table = table.Name, TerminalId = r.GetString(0), Key = ChangeRowJson.Row(r, table.KeyColumns, 1).Values },
                cancellationToken,
                ("organization", organization)).ConfigureAwait(false));
        }

        return assignments;
    }
}
