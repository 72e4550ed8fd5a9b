using System.Text.Json;
using Microsoft.Data.Sqlite;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>
/// SQLite values in a change batch (written as every store writes them, <see cref="ChangeRowJson"/>): integers and reals
/// as JSON numbers, text as strings, blobs as <c>{"base64": "..."}</c>; a JSON boolean binds as 1 or 0.
/// </summary>
internal static class SqliteValues
{
    public static object ToParameter(JsonElement value) => ToObject(value) ?? DBNull.Value;

    public static object? ToObject(JsonElement value) => ChangeRowJson.ToObject(value, flag => flag ? 1L : 0L);

    public static object? ToObject(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);

    public static SqliteParameter Add(SqliteCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
