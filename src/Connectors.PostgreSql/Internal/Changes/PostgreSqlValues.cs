using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// PostgreSQL values in a change batch, as the SQLite store writes them: integers and decimals as JSON numbers, booleans
/// as JSON booleans, text as strings, <c>bytea</c> as <c>{"base64": "..."}</c>, times in ISO 8601, anything else as its text.
/// </summary>
internal static class PostgreSqlValues
{
    public static void Write(Utf8JsonWriter writer, NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            writer.WriteNullValue();
            return;
        }

        switch (reader.GetValue(ordinal))
        {
            case short small:
                writer.WriteNumberValue(small);
                break;
            case int integer:
                writer.WriteNumberValue(integer);
                break;
            case long big:
                writer.WriteNumberValue(big);
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case float single when float.IsFinite(single):
                writer.WriteNumberValue(single);
                break;
            case double real when double.IsFinite(real):
                writer.WriteNumberValue(real);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case byte[] blob:
                writer.WriteStartObject();
                writer.WriteBase64String("base64", blob);
                writer.WriteEndObject();
                break;
            case DateTime time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case var other:
                writer.WriteStringValue(Convert.ToString(other, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The columns from <paramref name="first"/> on as one JSON object, split into its properties, and its size.</summary>
    public static (Dictionary<string, JsonElement> Values, int Bytes) Row(NpgsqlDataReader reader, IReadOnlyList<string> columns, int first)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < columns.Count; i++)
            {
                writer.WritePropertyName(columns[i]);
                Write(writer, reader, first + i);
            }

            writer.WriteEndObject();
        }

        var json = new Utf8JsonReader(buffer.WrittenSpan);
        var row = JsonElement.ParseValue(ref json);
        var values = new Dictionary<string, JsonElement>(columns.Count, StringComparer.Ordinal);
        foreach (var property in row.EnumerateObject())
        {
            values[property.Name] = property.Value;
        }

        return (values, buffer.WrittenCount);
    }

    /// <summary>The key columns of a row from the log's JSON array of them.</summary>
    public static Dictionary<string, JsonElement> KeyValues(SyncTable table, string key)
    {
        var result = new Dictionary<string, JsonElement>(table.KeyColumns.Count, StringComparer.Ordinal);
        var i = 0;
        foreach (var value in JsonElement.Parse(key).EnumerateArray())
        {
            result[table.KeyColumns[i++]] = value;
        }

        return result;
    }

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
    public static object? ToObject(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        // Boxed apart: a conditional of long and double would be a double.
        JsonValueKind.Number => value.TryGetInt64(out var integer) ? (object)integer : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object when value.TryGetProperty("base64", out var blob) => blob.GetBytesFromBase64(),
        _ => throw new InvalidDataException($"A change batch holds the value {value.GetRawText()}, which is not a column value."),
    };
}
