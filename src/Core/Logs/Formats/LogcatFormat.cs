namespace PosFleet.Logs.Formats;

/// <summary>
/// Android logcat's <c>threadtime</c> format: <c>MM-dd HH:mm:ss.fff  pid  tid L Tag: message</c>, level letters
/// V, D, I, W, E, F (and A, S). The year is <see cref="LineFields.DefaultYear"/>.
/// </summary>
internal sealed class LogcatFormat() : LogFormat("logcat")
{
    private const int MaxTagLength = 128;

    public override string Description => "Android logcat threadtime: 03-17 16:13:38.811  1702  2395 D WindowManager: message";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        if (line.Length < 24 || line[2] != '-' || line[5] != ' ' || line[14] != '.')
        {
            return false;
        }

        if (TimestampParser.TryDigits2(line, 0, out var month) && TimestampParser.TryDigits2(line, 3, out var day)
            && LineReader.TryTime(line, 6, out var h, out var m, out var s)
            && TimestampParser.TryComputeYearless(ref fields, month, day, h, m, s, out var ticks))
        {
            var end = LineReader.Fraction(line, 15, out var fraction);
            if (end != 18)
            {
                return false;
            }

            fields.UtcTicks = ticks + fraction;
            fields.Timestamp = TimestampStatus.Parsed;
        }
        else
        {
            fields.Timestamp = TimestampStatus.Garbled;
        }

        // pid and tid, right-aligned in blanks.
        var pos = LineReader.NextBlank(line, 15);
        for (var i = 0; i < 2; i++)
        {
            pos = LineReader.SkipBlanks(line, pos);
            var end = LineReader.SkipDigits(line, pos);
            if (end == pos)
            {
                return false;
            }

            pos = end;
        }

        pos = LineReader.SkipBlanks(line, pos);
        if (pos + 2 > line.Length || line[pos + 1] != ' ' || line[pos] is not ((byte)'V' or (byte)'D' or (byte)'I' or (byte)'W' or (byte)'E' or (byte)'F' or (byte)'A' or (byte)'S'))
        {
            return false;
        }

        fields.Level = line.Slice(pos, 1);
        var rest = line[(pos + 2)..];
        var colon = rest[..Math.Min(rest.Length, MaxTagLength)].IndexOf(": "u8);
        if (colon < 0 && rest.Length > 0 && rest[^1] == ':')
        {
            colon = rest.Length - 1;
        }

        if (colon >= 0)
        {
            fields.Component = MessageTail.Trim(rest[..colon]);
            rest = rest[Math.Min(rest.Length, colon + 2)..];
        }

        fields.Message = rest;
        return true;
    }
}
