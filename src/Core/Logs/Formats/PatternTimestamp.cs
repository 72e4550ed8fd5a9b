namespace PosFleet.Logs.Formats;

/// <summary>Reads a timestamp by the date tokens of a compiled pattern.</summary>
internal static class PatternTimestamp
{
    /// <returns>The index past the timestamp, or -1 when it cannot be read.</returns>
    public static int TryRead(ReadOnlySpan<byte> line, int pos, DateToken[] tokens, int defaultYear, out long utcTicks, out short offsetMinutes)
    {
        utcTicks = 0;
        offsetMinutes = 0;
        if (tokens.Length == 0)
        {
            var n = TimestampParser.TryParseIso(line[pos..], out utcTicks, out offsetMinutes);
            return n == 0 ? -1 : pos + n;
        }

        int year = defaultYear, month = 0, day = 0, hour = 0, minute = 0, second = 0, offset = 0;
        long fraction = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            var ok = true;
            switch (token.Kind)
            {
                case DateTokenKind.Literal:
                    var fractionNext = t + 1 < tokens.Length && tokens[t + 1].Kind == DateTokenKind.Fraction;
                    ok = pos < line.Length && (line[pos] == token.Literal || (fractionNext && line[pos] is (byte)',' or (byte)'.'));
                    pos++;
                    break;
                case DateTokenKind.Blank:
                    var end = LineReader.SkipBlanks(line, pos);
                    ok = end > pos;
                    pos = end;
                    break;
                case DateTokenKind.Year4:
                    ok = pos + 4 <= line.Length && TimestampParser.TryDigits4(line, pos, out year);
                    pos += 4;
                    break;
                case DateTokenKind.Year2:
                    ok = Two(line, ref pos, out year);
                    year += 2000;
                    break;
                case DateTokenKind.Month2:
                    ok = Two(line, ref pos, out month);
                    break;
                case DateTokenKind.MonthName:
                    month = LineReader.Month(line, pos);
                    ok = month > 0;
                    pos += 3;
                    break;
                case DateTokenKind.Day2:
                    ok = Two(line, ref pos, out day);
                    break;
                case DateTokenKind.Day:
                    pos = LineReader.OneOrTwoDigits(line, pos, out day);
                    ok = pos > 0;
                    break;
                case DateTokenKind.Hour:
                    pos = LineReader.OneOrTwoDigits(line, pos, out hour);
                    ok = pos > 0;
                    break;
                case DateTokenKind.Minute:
                    pos = LineReader.OneOrTwoDigits(line, pos, out minute);
                    ok = pos > 0;
                    break;
                case DateTokenKind.Second:
                    pos = LineReader.OneOrTwoDigits(line, pos, out second);
                    ok = pos > 0;
                    break;
                case DateTokenKind.Hour2:
                    ok = Two(line, ref pos, out hour);
                    break;
                case DateTokenKind.Minute2:
                    ok = Two(line, ref pos, out minute);
                    break;
                case DateTokenKind.Second2:
                    ok = Two(line, ref pos, out second);
                    break;
                case DateTokenKind.Fraction:
                    var start = pos;
                    pos = LineReader.Fraction(line, pos, out fraction);
                    ok = pos > start;
                    break;
                default:
                    ok = TryOffset(line, ref pos, out offset);
                    break;
            }

            if (!ok)
            {
                return -1;
            }
        }

        if (!TimestampParser.TryComputeTicks(year, month, day, hour, minute, second, out var ticks))
        {
            return -1;
        }

        utcTicks = ticks + fraction - (offset * TimeSpan.TicksPerMinute);
        offsetMinutes = (short)offset;
        return pos;
    }

    private static bool Two(ReadOnlySpan<byte> line, ref int pos, out int value)
    {
        value = 0;
        var ok = pos + 2 <= line.Length && TimestampParser.TryDigits2(line, pos, out value);
        pos += 2;
        return ok;
    }

    private static bool TryOffset(ReadOnlySpan<byte> line, ref int pos, out int offset)
    {
        offset = 0;
        if (pos < line.Length && line[pos] == 'Z')
        {
            pos++;
            return true;
        }

        if (pos + 3 > line.Length || (line[pos] != '+' && line[pos] != '-') || !TimestampParser.TryDigits2(line, pos + 1, out var h))
        {
            return false;
        }

        var sign = line[pos] == '-' ? -1 : 1;
        pos += 3;
        var m = 0;
        if (pos + 3 <= line.Length && line[pos] == ':' && TimestampParser.TryDigits2(line, pos + 1, out m))
        {
            pos += 3;
        }
        else if (pos + 2 <= line.Length && TimestampParser.TryDigits2(line, pos, out m))
        {
            pos += 2;
        }

        offset = sign * ((h * 60) + m);
        return true;
    }
}
