using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>SQLite values in a change batch: integers and reals as JSON numbers, text as strings, blobs as <c>{"base64": "..."}</c>.</summary>
internal static class SqliteValues
{
    public static void Write(Utf8JsonWriter writer, SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            writer.WriteNullValue();
            return;
        }

        switch (reader.GetValue(ordinal))
        {
            case long integer:
                writer.WriteNumberValue(integer);
                break;
            case double real:
                writer.WriteNumberValue(real);
                break;
            case byte[] blob:
                writer.WriteStartObject();
                writer.WriteBase64String("base64", blob);
                writer.WriteEndObject();
                break;
            case var other:
                writer.WriteStringValue(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    public static object ToParameter(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => DBNull.Value,
        JsonValueKind.String => value.GetString()!,
        // Boxed apart: a conditional of long and double would be a double, and an integer key would bind as 3.0.
        JsonValueKind.Number => value.TryGetInt64(out var integer) ? (object)integer : value.GetDouble(),
        JsonValueKind.True => 1L,
        JsonValueKind.False => 0L,
        JsonValueKind.Object when value.TryGetProperty("base64", out var blob) => blob.GetBytesFromBase64(),
        _ => throw new InvalidDataException($"A change batch holds the value {value.GetRawText()}, which is not a SQLite value."),
    };

    public static object? ToObject(JsonElement value) => ToParameter(value) is var parameter && parameter is DBNull ? null : parameter;

    public static object? ToObject(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);

    public static SqliteParameter Add(SqliteCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
