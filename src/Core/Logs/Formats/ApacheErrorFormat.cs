namespace PosFleet.Logs.Formats;

/// <summary>
/// The Apache httpd error log: <c>[Sun Dec 04 04:47:44 2005] [error] message</c>, and the 2.4 form with
/// microseconds, <c>[module:level]</c> and a <c>[pid …]</c> block.
/// </summary>
internal sealed class ApacheErrorFormat() : LogFormat("apache")
{
    private const int MaxLevelLength = 40;

    public override string Description => "Apache error log: [Sun Dec 04 04:47:44 2005] [error] message";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        // [Www Mmm dd HH:mm:ss[.ffffff] yyyy]
        if (line.Length < 26 || line[0] != '[' || line[4] != ' ' || line[8] != ' ')
        {
            return false;
        }

        var close = line[..Math.Min(line.Length, 40)].IndexOf((byte)']');
        if (close < 0)
        {
            return false;
        }

        fields.Timestamp = ReadStamp(line[1..close], out fields.UtcTicks) ? TimestampStatus.Parsed : TimestampStatus.Garbled;
        var pos = close + 1;
        if (pos + 2 > line.Length || line[pos] != ' ' || line[pos + 1] != '[')
        {
            return false;
        }

        pos += 2;
        var levelEnd = line[pos..Math.Min(line.Length, pos + MaxLevelLength)].IndexOf((byte)']');
        if (levelEnd <= 0)
        {
            return false;
        }

        var level = line.Slice(pos, levelEnd);
        var colon = level.IndexOf((byte)':');
        if (colon >= 0)
        {
            fields.Component = level[..colon];
            level = level[(colon + 1)..];
        }

        fields.Level = level;
        pos = LineReader.SkipBlanks(line, pos + levelEnd + 1);
        if (line[pos..].StartsWith("[pid "u8))
        {
            var end = line[pos..].IndexOf((byte)']');
            pos = end < 0 ? pos : LineReader.SkipBlanks(line, pos + end + 1);
        }

        fields.Message = LineReader.TrimEnd(line[pos..]);
        return true;
    }

    private static bool ReadStamp(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        var month = LineReader.Month(s, 4);
        if (month == 0 || s.Length < 24 || s[10] != ' ' || !TimestampParser.TryDigits2(s, 8, out var day)
            || !LineReader.TryTime(s, 11, out var h, out var m, out var sec))
        {
            return false;
        }

        long fraction = 0;
        var pos = 19;
        if (s[pos] == '.')
        {
            pos = LineReader.Fraction(s, pos + 1, out fraction);
        }

        if (pos + 5 != s.Length || s[pos] != ' ' || !TimestampParser.TryDigits4(s, pos + 1, out var year)
            || !TimestampParser.TryComputeTicks(year, month, day, h, m, sec, out ticks))
        {
            return false;
        }

        ticks += fraction;
        return true;
    }
}
