using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace PosFleet.Sync.Changes;

/// <summary>
/// How a row's values travel in a change batch, one copy for every store (linked into the SQLite and PostgreSQL
/// connectors, which alone read rows): integers and decimals as JSON numbers, booleans as JSON booleans, text as
/// strings, bytes as <c>{"base64": "..."}</c>, times in ISO 8601, anything else as its invariant text.
/// </summary>
internal static class ChangeRowJson
{
    /// <summary>Writes the value of <paramref name="reader"/>'s column <paramref name="ordinal"/>.</summary>
    public static void Write(Utf8JsonWriter writer, DbDataReader reader, int ordinal)
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
            case System.Collections.BitArray bits:
                // As the server writes a bit string (most significant first), which it reads back as the column's type.
                writer.WriteStringValue(string.Create(bits.Length, bits, static (text, b) =>
                {
                    for (var i = 0; i < text.Length; i++)
                    {
                        text[i] = b[i] ? '1' : '0';
                    }
                }));
                break;
            case var other:
                writer.WriteStringValue(Convert.ToString(other, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The columns from <paramref name="first"/> on as one JSON object, split into its properties, and its size.</summary>
    public static (Dictionary<string, JsonElement> Values, int Bytes) Row(DbDataReader reader, IReadOnlyList<string> columns, int first)
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

    /// <summary>The key columns of a row from the change log's JSON array of them.</summary>
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
    /// A batch's value as the host's conflict resolver sees it: a long or a double, a string, bytes or null; a JSON
    /// boolean as <paramref name="booleans"/> turns it (SQLite has no boolean: 1 or 0).
    /// </summary>
    public static object? ToObject(JsonElement value, Func<bool, object> booleans) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        // Boxed apart: a conditional of long and double would be a double, and an integer key would bind as 3.0.
        JsonValueKind.Number => value.TryGetInt64(out var integer) ? (object)integer : value.GetDouble(),
        JsonValueKind.True => booleans(true),
        JsonValueKind.False => booleans(false),
        JsonValueKind.Object when value.TryGetProperty("base64", out var blob) => blob.GetBytesFromBase64(),
        _ => throw new InvalidDataException($"A change batch holds the value {value.GetRawText()}, which is not a column value."),
    };
}
