using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>Reads the host's rows by key inside the export's transaction, one prepared statement per table.</summary>
internal sealed class PostgreSqlRowReader(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    private readonly Dictionary<string, (NpgsqlCommand Command, NpgsqlParameter[] Keys)> _commands = new(StringComparer.OrdinalIgnoreCase);

    public async Task<(Dictionary<string, JsonElement> Values, int Bytes)?> ReadAsync(SyncTable table, string key, CancellationToken cancellationToken)
    {
        if (!_commands.TryGetValue(table.Name, out var prepared))
        {
            var where = string.Join(" AND ", table.KeyColumns.Select((k, i) => $"{SyncIdentifier.Quote(k)} = @k{i}"));
            var command = new NpgsqlCommand($"SELECT {string.Join(", ", table.AllColumns().Select(SyncIdentifier.Quote))} FROM {SyncIdentifier.Quote(table.Name)} WHERE {where}", connection, transaction);
            var parameters = table.KeyColumns.Select((_, i) => command.Parameters.Add(new NpgsqlParameter("k" + i, NpgsqlDbType.Unknown))).ToArray();
            prepared = (command, parameters);
            _commands[table.Name] = prepared;
        }

        var k = 0;
        foreach (var value in JsonElement.Parse(key).EnumerateArray())
        {
            prepared.Keys[k++].Value = PostgreSqlValues.ToKeyText(value);
        }

        var reader = await prepared.Command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgreSqlValues.Row(reader, table.AllColumns(), 0) : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (command, _) in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
