using System.Text.Json;
using Npgsql;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// Applies one batch's row changes inside the importer's transaction under each table's conflict policy
/// (<see cref="ChangeImportRules.ApplyAsync"/>), with one set of statements per table: an upsert on the key, or an insert
/// that leaves an existing row alone. Values are sent as text of unknown type (a <c>bytea</c> as bytes), so the server
/// reads each as its column's own type.
/// </summary>
internal sealed class PostgreSqlChangeApplier(NpgsqlConnection connection, NpgsqlTransaction transaction, SyncTablesOptions options)
{
    public async Task<ChangeImportResult> ApplyAsync(IReadOnlyList<RowChange> changes, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, Statements>(StringComparer.OrdinalIgnoreCase);
        try
        {
            return await ChangeImportRules.ApplyAsync(
                changes,
                name =>
                {
                    if (!tables.TryGetValue(name, out var statements))
                    {
                        statements = new Statements(connection, transaction, Find(name));
                        tables[name] = statements;
                    }

                    return statements;
                },
                PostgreSqlValues.ToObject,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var statements in tables.Values)
            {
                await statements.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private SyncTable Find(string name) =>
        options.Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"The change batch holds a change of table '{name}', which this terminal does not declare: declare it with AddSyncTables, as the back office does.");

    private sealed class Statements : ChangeImportRules.IRowWriter, IAsyncDisposable
    {
        private readonly string[] _columns;
        private readonly NpgsqlCommand _write;
        private readonly NpgsqlParameter[] _writeValues;
        private readonly NpgsqlCommand _delete;
        private readonly NpgsqlParameter[] _deleteKeys;
        private readonly NpgsqlCommand _read;
        private readonly NpgsqlParameter[] _readKeys;

        public Statements(NpgsqlConnection connection, NpgsqlTransaction transaction, SyncTable table)
        {
            Table = table;
            _columns = [.. table.AllColumns()];
            var name = SyncIdentifier.Quote(table.Name);
            var keys = string.Join(", ", table.KeyColumns.Select(SyncIdentifier.Quote));
            var others = _columns.Where(c => !table.KeyColumns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            var onConflict = table.ConflictPolicy is SyncConflictPolicy.ServerWins or SyncConflictPolicy.Custom && others.Count > 0
                ? "DO UPDATE SET " + string.Join(", ", others.Select(c => $"{SyncIdentifier.Quote(c)} = EXCLUDED.{SyncIdentifier.Quote(c)}"))
                : "DO NOTHING";
            var where = string.Join(" AND ", table.KeyColumns.Select((k, i) => $"{SyncIdentifier.Quote(k)} = @k{i}"));
            (_write, _writeValues) = Prepare(connection, transaction,
                $"INSERT INTO {name} ({string.Join(", ", _columns.Select(SyncIdentifier.Quote))}) VALUES ({string.Join(", ", _columns.Select((_, i) => "@v" + i))}) ON CONFLICT ({keys}) {onConflict}",
                "v", _columns.Length);
            (_delete, _deleteKeys) = Prepare(connection, transaction, $"DELETE FROM {name} WHERE {where}", "k", table.KeyColumns.Count);
            (_read, _readKeys) = Prepare(connection, transaction, $"SELECT {string.Join(", ", _columns.Select(SyncIdentifier.Quote))} FROM {name} WHERE {where}", "k", table.KeyColumns.Count);
        }

        public SyncTable Table { get; }

        public async ValueTask<int> WriteAsync(RowChange change, CancellationToken cancellationToken)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                PostgreSqlValues.Bind(_writeValues[i], Value(change, _columns[i]));
            }

            return await _write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask<int> DeleteAsync(RowChange change, CancellationToken cancellationToken)
        {
            BindKey(change, _deleteKeys);
            return await _delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask<Dictionary<string, object?>?> ReadLocalAsync(RowChange change, CancellationToken cancellationToken)
        {
            BindKey(change, _readKeys);
            var reader = await _read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                var row = new Dictionary<string, object?>(_columns.Length, StringComparer.Ordinal);
                for (var i = 0; i < _columns.Length; i++)
                {
                    row[_columns[i]] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                return row;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _write.DisposeAsync().ConfigureAwait(false);
            await _delete.DisposeAsync().ConfigureAwait(false);
            await _read.DisposeAsync().ConfigureAwait(false);
        }

        private static (NpgsqlCommand Command, NpgsqlParameter[] Parameters) Prepare(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string prefix, int count)
        {
            var command = new NpgsqlCommand(sql, connection, transaction);
            var parameters = Enumerable.Range(0, count).Select(i => command.Parameters.Add(new NpgsqlParameter { ParameterName = prefix + i })).ToArray();
            return (command, parameters);
        }

        private void BindKey(RowChange change, NpgsqlParameter[] parameters)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                PostgreSqlValues.Bind(parameters[i], Value(change, Table.KeyColumns[i]));
            }
        }

        private JsonElement Value(RowChange change, string column) =>
            change.Values.TryGetValue(column, out var value)
                ? value
                : throw new InvalidOperationException($"A change of table '{Table.Name}' has no value for column '{column}': declare the same columns on the back office and on the terminal.");
    }
}
