using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// PostgreSQL values in a change batch: written as every store writes them (<see cref="ChangeRowJson"/>: <c>bytea</c> as
/// <c>{"base64": "..."}</c>, <c>numeric</c> as a JSON number, <c>boolean</c> as a JSON boolean), and bound for the server
/// to read as each column's own type.
/// </summary>
internal static class PostgreSqlValues
{
    /// <summary>
    /// A key value as text of unknown type, so that the server reads it as the column's own type (an integer key
    /// compares as an integer, and its index is used).
    /// </summary>
    public static object ToKeyText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => DBNull.Value,
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    /// <summary>
    /// Binds a batch's value for the server to read as its column's type: text of unknown type (a JSON number or boolean
    /// as its JSON text), bytes for <c>{"base64": "..."}</c>, SQL NULL for null.
    /// </summary>
    public static void Bind(NpgsqlParameter parameter, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("base64", out var blob))
        {
            parameter.NpgsqlDbType = NpgsqlDbType.Bytea;
            parameter.Value = blob.GetBytesFromBase64();
            return;
        }

        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            throw new InvalidDataException($"A change batch holds the value {value.GetRawText()}, which is not a column value.");
        }

        parameter.NpgsqlDbType = NpgsqlDbType.Unknown;
        parameter.Value = ToKeyText(value);
    }

    /// <summary>A batch's value as the host's conflict resolver sees it: a long or double, a string, a boolean, bytes or null.</summary>
    public static object? ToObject(JsonElement value) => ChangeRowJson.ToObject(value, flag => flag);
}
