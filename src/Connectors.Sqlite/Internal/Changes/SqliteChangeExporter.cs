using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>
/// Exports an organization's changes from the change log. Everything is read in one read transaction: SQLite (WAL)
/// keeps the snapshot of its first read, so the log's rows, the tables' rows and the high-water mark all come from
/// the same instant, and a row committed meanwhile has a higher version than the checkpoint returned.
/// </summary>
internal sealed class SqliteChangeExporter(SqliteDatabase database, SqliteChangeTracking tracking) : IChangeExporter
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
            using var transaction = connection.BeginTransaction(deferred: true);

            // Read in the same snapshot as the log: a checkpoint below the newest purged tombstone may have missed a
            // delete, so the batches are marked for a full re-initialisation (the terminal starts again from 0).
            using var horizon = connection.CreateCommand();
            horizon.CommandText = "SELECT coalesce((SELECT min_valid_version FROM sync_change_horizon), 0);";
            var reinitialize = checkpoint < (long)horizon.ExecuteScalar()!;
            using var log = connection.CreateCommand();
            log.CommandText = "SELECT version, table_name, row_key, terminal, deleted FROM sync_changes WHERE organization = $organization AND version > $checkpoint ORDER BY version LIMIT $limit;";
            log.Parameters.AddWithValue("$organization", organization);
            log.Parameters.AddWithValue("$checkpoint", checkpoint);
            log.Parameters.AddWithValue("$limit", options.MaxBatchRows + 1);
            var changes = new List<RowChange>();
            var rows = new RowReader(connection);
            long bytes = 0, last = checkpoint;
            bool more = false;
            using (var reader = log.ExecuteReader())
            {
                while (reader.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (changes.Count == options.MaxBatchRows)
                    {
                        more = true;
                        break;
                    }

                    var version = reader.GetInt64(0);
                    var table = tracking.Find(reader.GetString(1));
                    if (table is null)
                    {
                        // A table no longer declared: its changes are passed over.
                        last = version;
                        continue;
                    }

                    var key = reader.GetString(2);
                    var terminal = reader.IsDBNull(3) ? null : reader.GetString(3);
                    var elsewhere = table.TerminalColumn is not null && terminalId is not null && !string.Equals(terminal, terminalId, StringComparison.Ordinal);
                    var values = reader.GetInt64(4) != 0 || elsewhere ? null : rows.Read(table, key);
                    var change = values is null
                        ? new RowChange { Table = table.Name, Version = version, Deleted = true, Values = ChangeRowJson.KeyValues(table, key) }
                        : new RowChange { Table = table.Name, Version = version, Values = values.Value.Values };
                    var size = 32 + (values?.Bytes ?? key.Length);
                    if (changes.Count > 0 && bytes + size > options.MaxBatchBytes)
                    {
                        more = true;
                        break;
                    }

                    changes.Add(change);
                    bytes += size;
                    last = version;
                }
            }

            rows.Dispose();
            if (!more)
            {
                // Caught up: the snapshot's highest version, so the next export starts past other organizations' changes too.
                using var max = connection.CreateCommand();
                max.CommandText = "SELECT coalesce(max(version), 0) FROM sync_changes;";
                last = Math.Max(last, (long)max.ExecuteScalar()!);
            }

            transaction.Commit();
            return new ChangeBatch { Organization = organization, FromCheckpoint = checkpoint, Checkpoint = last, HasMore = more, Reinitialize = reinitialize, Changes = changes };
        }
    }

    public async ValueTask<IReadOnlyList<TerminalRowAssignment>> ListAssignmentsAsync(string organization, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        await tracking.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var assignments = new List<TerminalRowAssignment>();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var table in tracking.Options.Tables.Where(t => t.TerminalColumn is not null).OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                using var command = connection.CreateCommand();
                var terminal = SyncIdentifier.Quote(table.TerminalColumn!);
                command.CommandText = $"SELECT {terminal}, {Keys(table)} FROM {SyncIdentifier.Quote(table.Name)} WHERE {SyncIdentifier.Quote(table.OrganizationColumn)} = $organization AND {terminal} IS NOT NULL ORDER BY {terminal}, {Keys(table)};";
                command.Parameters.AddWithValue("$organization", organization);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    assignments.Add(new TerminalRowAssignment { Table = table.Name, TerminalId = reader.GetString(0), Key = ChangeRowJson.Row(reader, table.KeyColumns, 1).Values });
                }
            }
        }

        return assignments;
    }

    private static string Keys(SyncTable table) => string.Join(", ", table.KeyColumns.Select(SyncIdentifier.Quote));

    /// <summary>Reads rows by key, one prepared statement per table, inside the export's transaction.</summary>
    private sealed class RowReader(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, (SqliteCommand Command, SqliteParameter[] Keys)> _commands = new(StringComparer.OrdinalIgnoreCase);

        public (Dictionary<string, JsonElement> Values, int Bytes)? Read(SyncTable table, string key)
        {
            if (!_commands.TryGetValue(table.Name, out var prepared))
            {
                var command = connection.CreateCommand();
                var where = string.Join(" AND ", table.KeyColumns.Select((k, i) => $"{SyncIdentifier.Quote(k)} = $k{i}"));
                command.CommandText = $"SELECT {string.Join(", ", table.AllColumns().Select(SyncIdentifier.Quote))} FROM {SyncIdentifier.Quote(table.Name)} WHERE {where};";
                var parameters = table.KeyColumns.Select((_, i) => SqliteValues.Add(command, "$k" + i)).ToArray();
                prepared = (command, parameters);
                _commands[table.Name] = prepared;
            }

            var i = 0;
            foreach (var value in JsonElement.Parse(key).EnumerateArray())
            {
                prepared.Keys[i++].Value = SqliteValues.ToParameter(value);
            }

            using var reader = prepared.Command.ExecuteReader();
            return reader.Read() ? ChangeRowJson.Row(reader, table.AllColumns(), 0) : null;
        }

        public void Dispose()
        {
            foreach (var (command, _) in _commands.Values)
            {
                command.Dispose();
            }
        }
    }
}
