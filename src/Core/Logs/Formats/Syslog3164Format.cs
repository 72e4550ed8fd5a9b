namespace PosFleet.Logs.Formats;

/// <summary>
/// BSD syslog (RFC 3164), as /var/log/messages holds it: <c>[&lt;PRI&gt;]Mmm dd HH:mm:ss host tag[pid]: message</c>.
/// The year is <see cref="LineFields.DefaultYear"/>; the level is the PRI's severity when there is one; the host
/// name is the terminal.
/// </summary>
internal sealed class Syslog3164Format() : LogFormat("syslog")
{
    private const int MaxTagLength = 64;

    public override string Description => "syslog RFC 3164: <34>Oct 11 22:14:15 host su[123]: message (PRI optional)";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var pos = SyslogSeverity.ReadPriority(line, out var level);
        if (pos < 0 || pos + 15 > line.Length)
        {
            return false;
        }

        var month = LineReader.Month(line, pos);
        if (month == 0 || line[pos + 3] != ' ')
        {
            return false;
        }

        var dayAt = line[pos + 4] == ' ' ? pos + 5 : pos + 4;
        var after = LineReader.OneOrTwoDigits(line, dayAt, out var day);
        if (after < 0 || after >= line.Length || line[after] != ' ')
        {
            return false;
        }

        if (LineReader.TryTime(line, after + 1, out var h, out var m, out var s)
            && TimestampParser.TryComputeYearless(ref fields, month, day, h, m, s, out var ticks))
        {
            fields.UtcTicks = ticks;
            fields.Timestamp = TimestampStatus.Parsed;
        }
        else
        {
            fields.Timestamp = TimestampStatus.Garbled;
        }

        fields.Level = level;
        pos = LineReader.SkipBlanks(line, LineReader.NextBlank(line, after + 1));
        var hostEnd = LineReader.NextBlank(line, pos);
        fields.Terminal = line[pos..hostEnd];
        pos = LineReader.SkipBlanks(line, hostEnd);

        var rest = line[pos..];
        var tagEnd = rest[..Math.Min(rest.Length, MaxTagLength)].IndexOf((byte)':');
        if (tagEnd > 0 && rest[..tagEnd].IndexOfAny((byte)' ', (byte)'\t') < 0)
        {
            var tag = rest[..tagEnd];
            if (tag[^1] == ']')
            {
                var open = tag.LastIndexOf((byte)'[');
                tag = open > 0 ? tag[..open] : tag;
            }

            fields.Component = tag;
            rest = rest[(tagEnd + 1)..];
        }

        fields.Message = MessageTail.Trim(rest);
        return true;
    }
}
