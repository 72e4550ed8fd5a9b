using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// Reads the host's rows for a run of the log's keys inside the export's transaction, one query per table: the keys go
/// as one text array per key column, each cast to its column's type (read from the catalog once per table), so the
/// key's index is used whatever its type.
/// </summary>
internal sealed class PostgreSqlRowReader(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private readonly Dictionary<string, string> _queries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rows of <paramref name="keys"/> (the log's JSON arrays), in their order; <see langword="null"/> for a row that is gone.</summary>
    public async Task<(Dictionary<string, JsonElement> Values, int Bytes)?[]> ReadAsync(SyncTable table, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var rows = new (Dictionary<string, JsonElement> Values, int Bytes)?[keys.Count];
        if (keys.Count == 0)
        {
            return rows;
        }

        var columns = table.KeyColumns.Select(_ => new string?[keys.Count]).ToArray();
        for (var i = 0; i < keys.Count; i++)
        {
            var k = 0;
            foreach (var value in JsonElement.Parse(keys[i]).EnumerateArray())
            {
                columns[k++][i] = PostgreSqlValues.ToKeyText(value) as string;
            }
        }

        using var command = new NpgsqlCommand(await QueryAsync(table, cancellationToken).ConfigureAwait(false), connection, transaction);
        for (var k = 0; k < columns.Length; k++)
        {
            command.Parameters.Add(new NpgsqlParameter("k" + k, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = columns[k] });
        }

        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var all = table.AllColumns();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows[reader.GetInt64(0) - 1] = ChangeRowJson.Row(reader, all, 1);
            }
        }

        return rows;
    }

    private async Task<string> QueryAsync(SyncTable table, CancellationToken cancellationToken)
    {
        if (_queries.TryGetValue(table.Name, out var query))
        {
            return query;
        }

        Dictionary<string, string> types;
        using (var read = PostgreSqlDatabase.Command(connection, transaction,
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass(@table) AND attnum > 0 AND NOT attisdropped",
            ("table", SyncIdentifier.Quote(table.Name))))
        {
            types = (await PostgreSqlDatabase.ReadAllAsync(read, r => (Name: r.GetString(0), Type: r.GetString(1)), cancellationToken).ConfigureAwait(false))
                .ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        }

        var keys = table.KeyColumns;
        var on = string.Join(" AND ", keys.Select((c, i) => $"t.{SyncIdentifier.Quote(c)} = k.k{i}::{types[c]}"));
        query = $"""
            SELECT k.n, {string.Join(", ", table.AllColumns().Select(c => "t." + SyncIdentifier.Quote(c)))}
            FROM unnest({string.Join(", ", keys.Select((_, i) => "@k" + i))}) WITH ORDINALITY AS k({string.Join(", ", keys.Select((_, i) => "k" + i))}, n)
            JOIN {SyncIdentifier.Quote(table.Name)} AS t ON {on}
            """;
        _queries[table.Name] = query;
        return query;
    }
}
