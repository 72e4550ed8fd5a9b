namespace PosFleet.Logs.Formats;

/// <summary>
/// <c>wevtutil qe LOG /f:text</c>: one event a block of lines. <c>Event[N]:</c> starts it; indented <c>Key: value</c>
/// lines follow (<c>Log Name</c>, <c>Source</c>, <c>Date</c>, <c>Event ID</c>, <c>Task</c>, <c>Level</c>, <c>Opcode</c>,
/// <c>Keyword</c>, <c>User</c>, <c>User Name</c>, <c>Computer</c>; in Spanish, French, Italian or German on such a machine:
/// <see cref="WindowsEventLabels"/>), then <c>Description:</c> and the description on the lines below it, blank lines
/// included, up to the next event. The entry takes its time from <c>Date</c> (the exporting
/// machine's local time, <c>2026-11-30T10:15:30.123</c>, read as the other layouts' local times are; newer Windows
/// writes UTC, <c>…30.1230000Z</c>), its level from <c>Level</c> (Windows' words, as <see cref="WindowsEventFormat"/>),
/// its component from <c>Source</c>, and its message from the description; its template is the description's first line.
/// </summary>
internal sealed class WindowsEventTextFormat() : LogFormat("windows-events-text")
{
    private const int MaxHeaderLines = 24;

    public override string Description => "wevtutil qe LOG /f:text: Event[0]: then  Source: …,  Date: 2026-11-30T10:15:30.123,  Level: Error, …,  Description: and the description below";

    /// <summary>
    /// One line alone holds no event's fields: an event's first line is read with the lines below it
    /// (<see cref="TryParseEvent"/>). Here, only whether the line starts an event.
    /// </summary>
    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields) => IsEventStart(line);

    /// <summary>Whether the line (given with what follows it, or not) is an event's first: <c>Event[12]:</c>.</summary>
    public static bool IsEventStart(ReadOnlySpan<byte> line)
    {
        if (line.Length < 9 || line[0] != 'E' || !line.StartsWith("Event["u8))
        {
            return false;
        }

        var end = LineReader.SkipDigits(line, 6);
        return end > 6 && end + 1 < line.Length && line[end] == ']' && line[end + 1] == ':'
            && (end + 2 == line.Length || line[end + 2] is (byte)'\r' or (byte)'\n');
    }

    /// <summary>Whether <paramref name="sample"/> (a file's first bytes) starts with an event block.</summary>
    public static bool StartsWithEvent(ReadOnlySpan<byte> sample)
    {
        while (!sample.IsEmpty && sample[0] is (byte)'\r' or (byte)'\n')
        {
            sample = sample[1..];
        }

        if (!IsEventStart(sample))
        {
            return false;
        }

        // The second line names the log, in the exporting machine's language: "  Log Name:", "  Nom du journal :", …
        var nl = sample.IndexOf((byte)'\n');
        if (nl <= 0)
        {
            return false;
        }

        var second = sample[(nl + 1)..];
        var colon = second[..Math.Min(second.Length, 64)].IndexOf((byte)':');
        return second.StartsWith("  "u8) && colon > 2 && WindowsEventLabels.Of(second[2..colon]) == WindowsEventLabels.Label.LogName;
    }

    /// <summary>
    /// Reads the event whose first line starts <paramref name="entry"/> (which runs on to the end of the block): its
    /// header lines up to <c>Description:</c>, and the description's first line as the message.
    /// </summary>
    /// <param name="entry">The block from the event's first line on.</param>
    /// <param name="fields">Receives the fields; a <c>Date</c> that does not read leaves the timestamp garbled.</param>
    /// <param name="messageLineEnd">The index in <paramref name="entry"/> of the end of the message's line (its newline, or the end).</param>
    /// <returns><see langword="true"/> when <paramref name="entry"/> starts with an event.</returns>
    public static bool TryParseEvent(ReadOnlySpan<byte> entry, ref LineFields fields, out int messageLineEnd)
    {
        var at = Next(entry, 0, out var lineEnd);
        messageLineEnd = lineEnd;
        if (!IsEventStart(entry))
        {
            return false;
        }

        var description = false;
        for (var n = 0; n < MaxHeaderLines && at < entry.Length; n++)
        {
            var line = Line(entry, at, out lineEnd);
            var next = Math.Min(entry.Length, lineEnd + 1);
            if (description)
            {
                if (IsEventStart(line))
                {
                    break;
                }

                if (!line.IsEmpty)
                {
                    fields.Message = line;
                    messageLineEnd = lineEnd;
                    break;
                }

                at = next;
                continue;
            }

            if (line.IsEmpty || !LineReader.IsBlank(line[0]))
            {
                // The header's lines are indented: anything else ends it.
                break;
            }

            var text = line[LineReader.SkipBlanks(line, 0)..];
            var colon = text.IndexOf((byte)':');
            if (colon > 0)
            {
                var label = WindowsEventLabels.Of(text[..colon]);
                var value = LineReader.TrimEnd(text[LineReader.SkipBlanks(text, colon + 1)..]);
                if (label == WindowsEventLabels.Label.Date)
                {
                    ReadDate(value, ref fields);
                }
                else if (label == WindowsEventLabels.Label.Level)
                {
                    fields.Level = WindowsEventLabels.Level(value);
                }
                else if (label == WindowsEventLabels.Label.Source)
                {
                    fields.Component = value;
                }
                else if (label == WindowsEventLabels.Label.Description)
                {
                    description = true;
                    if (!value.IsEmpty)
                    {
                        fields.Message = value;
                        messageLineEnd = lineEnd;
                        break;
                    }
                }
            }

            at = next;
        }

        return true;
    }

    private static void ReadDate(ReadOnlySpan<byte> value, ref LineFields fields)
    {
        var read = TimestampParser.TryParseIso(value, out var ticks, out var offset);
        if (read > 0 && read == value.Length)
        {
            (fields.UtcTicks, fields.OffsetMinutes, fields.Timestamp) = (ticks, offset, TimestampStatus.Parsed);
        }
        else
        {
            fields.Timestamp = TimestampStatus.Garbled;
        }
    }

    /// <summary>The line starting at <paramref name="at"/>, without its line end; <paramref name="lineEnd"/> is where its newline is (or the end).</summary>
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> entry, int at, out int lineEnd)
    {
        var nl = entry[at..].IndexOf((byte)'\n');
        lineEnd = nl < 0 ? entry.Length : at + nl;
        var line = entry[at..lineEnd];
        return !line.IsEmpty && line[^1] == '\r' ? line[..^1] : line;
    }

    private static int Next(ReadOnlySpan<byte> entry, int at, out int lineEnd)
    {
        Line(entry, at, out lineEnd);
        return Math.Min(entry.Length, lineEnd + 1);
    }
}
