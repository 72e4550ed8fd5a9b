namespace PosFleet.Logs.Formats;

/// <summary>
/// Windows Event Viewer's exports as text: "Save All Events As… Text" (tab-separated) and CSV, one event a row:
/// <c>Level, Date and Time, Source, Event ID, Task Category</c>, then the description. Levels are Windows':
/// Critical and Error are errors, Warning a warning, Information and Verbose information. The date is the exporting
/// machine's en-US local time (<c>11/30/2026 10:15:30 AM</c>), read as the other layouts' local times are.
/// </summary>
internal sealed class WindowsEventFormat() : LogFormat("windows-events")
{
    private const int Fields = 5;

    public override string Description => "Windows Event Viewer export (tab-separated or CSV): Error<TAB>11/30/2026 10:15:30 AM<TAB>Application Error<TAB>1000<TAB>(100)<TAB>message";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var sep = line[..Math.Min(line.Length, 12)].IndexOfAny((byte)'\t', (byte)',');
        if (sep < 4 || !IsLevel(line[..sep]))
        {
            return false;
        }

        // Field by field: the level, the date, the source, the event id, the task category; then the description.
        var level = line[..sep];
        var rest = line[(sep + 1)..];
        var field = 1;
        var date = ReadOnlySpan<byte>.Empty;
        var source = ReadOnlySpan<byte>.Empty;
        while (field < Fields)
        {
            var end = rest.IndexOf(line[sep]);
            if (end < 0)
            {
                return false;
            }

            var value = Unquote(rest[..end]);
            if (field == 1)
            {
                date = value;
            }
            else if (field == 2)
            {
                source = value;
            }
            else if (field == 3 && (value.IsEmpty || value.ContainsAnyExceptInRange((byte)'0', (byte)'9')))
            {
                return false;
            }

            rest = rest[(end + 1)..];
            field++;
        }

        long ticks = 0;
        if (GenericTimestamps.UsDateTime(date, 0, ref ticks) != date.Length)
        {
            return false;
        }

        fields.UtcTicks = ticks;
        fields.OffsetMinutes = 0;
        fields.Timestamp = TimestampStatus.Parsed;
        fields.Level = level;
        fields.Component = source;
        fields.Message = MessageTail.Trim(Unquote(rest));
        return true;
    }

    /// <summary>
    /// The export's header row (<c>Level, Date and Time, Source, Event ID, Task Category</c>, tab- or comma-separated,
    /// quoted or not): column names, not an event, so it is counted nowhere.
    /// </summary>
    public static bool IsHeaderRow(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("\"Level\""u8))
        {
            line = line[7..];
        }
        else if (line.StartsWith("Level"u8))
        {
            line = line[5..];
        }
        else
        {
            return false;
        }

        return line.Length > 1 && line[0] is (byte)'\t' or (byte)','
            && (line[1..].StartsWith("Date and Time"u8) || line[1..].StartsWith("\"Date and Time\""u8));
    }

    private static bool IsLevel(ReadOnlySpan<byte> word) =>
        word.SequenceEqual("Information"u8) || word.SequenceEqual("Warning"u8) || word.SequenceEqual("Error"u8)
            || word.SequenceEqual("Critical"u8) || word.SequenceEqual("Verbose"u8);

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
