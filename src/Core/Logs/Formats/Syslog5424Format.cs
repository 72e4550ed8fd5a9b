namespace PosFleet.Logs.Formats;

/// <summary>
/// Syslog as RFC 5424 writes it: <c>&lt;PRI&gt;1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG</c>. The level is the
/// PRI's severity, the component the app name, the terminal the host name.
/// </summary>
internal sealed class Syslog5424Format() : LogFormat("rfc5424")
{
    public override string Description => "syslog RFC 5424: <165>1 2003-10-11T22:14:15.003Z host app 123 ID47 - message";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var pos = SyslogSeverity.ReadPriority(line, out var level);
        if (pos <= 0 || pos + 2 > line.Length || line[pos] != '1' || line[pos + 1] != ' ')
        {
            return false;
        }

        fields.Level = level;
        pos += 2;
        var end = LineReader.NextBlank(line, pos);
        var stamp = line[pos..end];
        if (!(stamp.Length == 1 && stamp[0] == '-'))
        {
            var n = TimestampParser.TryParseIso(stamp, out fields.UtcTicks, out fields.OffsetMinutes);
            fields.Timestamp = n == stamp.Length && n > 0 ? TimestampStatus.Parsed : TimestampStatus.Garbled;
        }

        var host = NextField(line, ref end);
        var app = NextField(line, ref end);
        _ = NextField(line, ref end); // PROCID
        _ = NextField(line, ref end); // MSGID
        if (!host.SequenceEqual("-"u8))
        {
            fields.Terminal = host;
        }

        if (!app.SequenceEqual("-"u8))
        {
            fields.Component = app;
        }

        pos = LineReader.SkipBlanks(line, end);
        if (pos < line.Length && line[pos] == '[')
        {
            pos = SkipStructuredData(line, pos);
        }
        else if (pos < line.Length && line[pos] == '-')
        {
            pos++;
        }

        var message = line[Math.Min(pos, line.Length)..];
        if (message.StartsWith(" "u8))
        {
            message = message[1..];
        }

        if (message.StartsWith("\uFEFF"u8))
        {
            message = message[3..];
        }

        fields.Message = message;
        return true;
    }

    private static ReadOnlySpan<byte> NextField(ReadOnlySpan<byte> line, scoped ref int end)
    {
        var start = LineReader.SkipBlanks(line, end);
        end = LineReader.NextBlank(line, start);
        return line[start..end];
    }

    /// <summary>Skips <c>[id k="v" …][…]</c>, honouring <c>\]</c> and <c>\"</c> inside values.</summary>
    private static int SkipStructuredData(ReadOnlySpan<byte> line, int pos)
    {
        var quoted = false;
        while (pos < line.Length)
        {
            var c = line[pos];
            if (c == '\\' && quoted)
            {
                pos += 2;
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ']' && !quoted && (pos + 1 >= line.Length || line[pos + 1] != '['))
            {
                return pos + 1;
            }

            pos++;
        }

        return pos;
    }
}
