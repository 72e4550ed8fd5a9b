namespace PosFleet.Logs.Formats;

/// <summary>
/// Serilog's default text template, <c>{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message}</c>, with its
/// three-letter levels VRB, DBG, INF, WRN, ERR, FTL (any bracketed level word is accepted).
/// </summary>
internal sealed class SerilogTextFormat() : LogFormat("serilog")
{
    private const int MaxLevelLength = 11;

    public override string Description => "Serilog text: 2026-11-20 10:15:02.123 +01:00 [ERR] message";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        if (line.Length < 19 || line[4] != '-' || line[10] != ' ')
        {
            return false;
        }

        var n = TimestampParser.TryParseIso(line, out var ticks, out _);
        var end = n > 0 ? n : LineReader.NextBlank(line, 11);
        if (end + 8 > line.Length || line[end] != ' ' || (line[end + 1] != '+' && line[end + 1] != '-'))
        {
            return false;
        }

        // The offset is separated from the time by a blank: "+01:00".
        var o = end + 1;
        if (o + 6 >= line.Length || line[o + 3] != ':' || line[o + 6] != ' '
            || !TimestampParser.TryDigits2(line, o + 1, out var oh) || !TimestampParser.TryDigits2(line, o + 4, out var om))
        {
            return false;
        }

        var offset = (oh * 60) + om;
        if (line[o] == '-')
        {
            offset = -offset;
        }

        var pos = o + 7;
        if (pos >= line.Length || line[pos] != '[')
        {
            return false;
        }

        var close = line[pos..Math.Min(line.Length, pos + MaxLevelLength + 2)].IndexOf((byte)']');
        if (close <= 1 || !LevelWords.IsLevelWord(line.Slice(pos + 1, close - 1)))
        {
            return false;
        }

        if (n > 0 && offset is > -1440 and < 1440)
        {
            fields.UtcTicks = ticks - (offset * TimeSpan.TicksPerMinute);
            fields.OffsetMinutes = (short)offset;
            fields.Timestamp = TimestampStatus.Parsed;
        }
        else
        {
            fields.Timestamp = TimestampStatus.Garbled;
        }

        fields.Level = line.Slice(pos + 1, close - 1);
        MessageTail.Parse(line[(pos + close + 1)..], ref fields);
        return true;
    }
}
