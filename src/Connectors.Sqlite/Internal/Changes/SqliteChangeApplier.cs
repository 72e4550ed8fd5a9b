using System.Text.Json;
using Microsoft.Data.Sqlite;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>
/// Applies one batch's row changes inside the importer's transaction under each table's conflict policy
/// (<see cref="ChangeImportRules.ApplyAsync"/>), with one prepared statement per table and operation: an upsert on the
/// key, or an insert that leaves an existing row alone.
/// </summary>
internal sealed class SqliteChangeApplier(SqliteConnection connection, SyncTablesOptions options)
{
    private readonly Dictionary<string, Statements> _tables = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<ChangeImportResult> ApplyAsync(IReadOnlyList<RowChange> changes, CancellationToken cancellationToken)
    {
        try
        {
            return await ChangeImportRules.ApplyAsync(changes, For, SqliteValues.ToObject, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var statements in _tables.Values)
            {
                statements.Dispose();
            }
        }
    }

    private Statements For(string name)
    {
        if (_tables.TryGetValue(name, out var statements))
        {
            return statements;
        }

        var table = options.Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"The change batch holds a change of table '{name}', which this terminal does not declare: declare it with AddSyncTables, as the back office does.");
        statements = new Statements(connection, table);
        _tables[name] = statements;
        return statements;
    }

    private sealed class Statements : ChangeImportRules.IRowWriter, IDisposable
    {
        private readonly SyncTable _table;
        private readonly string[] _columns;
        private readonly SqliteCommand _write;
        private readonly SqliteParameter[] _writeValues;
        private readonly SqliteCommand _delete;
        private readonly SqliteParameter[] _deleteKeys;
        private SqliteCommand? _read;
        private SqliteParameter[]? _readKeys;

        public Statements(SqliteConnection connection, SyncTable table)
        {
            _table = table;
            _columns = [.. table.AllColumns()];
            var name = SyncIdentifier.Quote(table.Name);
            var keys = string.Join(", ", table.KeyColumns.Select(SyncIdentifier.Quote));
            var others = _columns.Where(c => !table.KeyColumns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            var onConflict = table.ConflictPolicy is SyncConflictPolicy.ServerWins or SyncConflictPolicy.Custom && others.Count > 0
                ? "DO UPDATE SET " + string.Join(", ", others.Select(c => $"{SyncIdentifier.Quote(c)} = excluded.{SyncIdentifier.Quote(c)}"))
                : "DO NOTHING";
            _write = connection.CreateCommand();
            _write.CommandText = $"INSERT INTO {name} ({string.Join(", ", _columns.Select(SyncIdentifier.Quote))}) VALUES ({string.Join(", ", _columns.Select((_, i) => "$v" + i))}) ON CONFLICT ({keys}) {onConflict};";
            _writeValues = _columns.Select((_, i) => SqliteValues.Add(_write, "$v" + i)).ToArray();
            _delete = connection.CreateCommand();
            _delete.CommandText = $"DELETE FROM {name} WHERE {Where(table)};";
            _deleteKeys = table.KeyColumns.Select((_, i) => SqliteValues.Add(_delete, "$k" + i)).ToArray();
        }

        public SyncTable Table => _table;

        public ValueTask<int> WriteAsync(RowChange change, CancellationToken cancellationToken)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                _writeValues[i].Value = SqliteValues.ToParameter(Value(change, _columns[i]));
            }

            return ValueTask.FromResult(_write.ExecuteNonQuery());
        }

        public ValueTask<int> DeleteAsync(RowChange change, CancellationToken cancellationToken)
        {
            BindKey(change, _deleteKeys);
            return ValueTask.FromResult(_delete.ExecuteNonQuery());
        }

        public ValueTask<Dictionary<string, object?>?> ReadLocalAsync(RowChange change, CancellationToken cancellationToken) => ValueTask.FromResult(ReadLocal(change));

        private Dictionary<string, object?>? ReadLocal(RowChange change)
        {
            if (_read is null)
            {
                _read = _write.Connection!.CreateCommand();
                _read.Transaction = _write.Transaction;
                _read.CommandText = $"SELECT {string.Join(", ", _columns.Select(SyncIdentifier.Quote))} FROM {SyncIdentifier.Quote(_table.Name)} WHERE {Where(_table)};";
                _readKeys = _table.KeyColumns.Select((_, i) => SqliteValues.Add(_read, "$k" + i)).ToArray();
            }

            BindKey(change, _readKeys!);
            using var reader = _read.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var row = new Dictionary<string, object?>(_columns.Length, StringComparer.Ordinal);
            for (var i = 0; i < _columns.Length; i++)
            {
                row[_columns[i]] = SqliteValues.ToObject(reader, i);
            }

            return row;
        }

        public void Dispose()
        {
            _write.Dispose();
            _delete.Dispose();
            _read?.Dispose();
        }

        private static string Where(SyncTable table) =>
            string.Join(" AND ", table.KeyColumns.Select((k, i) => $"{SyncIdentifier.Quote(k)} = $k{i}"));

        private void BindKey(RowChange change, SqliteParameter[] parameters)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = SqliteValues.ToParameter(Value(change, _table.KeyColumns[i]));
            }
        }

        private JsonElement Value(RowChange change, string column) =>
            change.Values.TryGetValue(column, out var value)
                ? value
                : throw new InvalidOperationException($"A change of table '{_table.Name}' has no value for column '{column}': declare the same columns on the back office and on the terminal.");
    }
}
