namespace PosFleet.Logs.Formats;

/// <summary>
/// The log4j / log4net / NLog text layouts: a timestamp, an optional process or thread number, the level with an
/// optional <c>[thread]</c> before or after it, then <c>logger: message</c> or <c>logger - message</c>. Also reads Zookeeper's <c>- LEVEL [thread] - message</c>, Spark's
/// <c>yy/MM/dd HH:mm:ss</c> and HDFS's <c>yyMMdd HHmmss pid</c> timestamps.
/// </summary>
internal sealed class Log4jFormat() : LogFormat("log4j")
{
    private const int MaxThreadLength = 256;

    public override string Description => "log4j / log4net / NLog layout: 2015-10-18 18:01:47,978 INFO [main] org.apache.Foo: message";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var pos = ReadTimestamp(line, ref fields);
        if (pos < 0 || pos >= line.Length || !LineReader.IsBlank(line[pos]))
        {
            return false;
        }

        pos = LineReader.SkipBlanks(line, pos);
        var dashed = false;
        if (pos + 1 < line.Length && line[pos] == '-' && LineReader.IsBlank(line[pos + 1]))
        {
            dashed = true;
            pos = LineReader.SkipBlanks(line, pos + 1);
        }

        // A process or thread number before the level (HDFS: "081109 203615 148 INFO").
        var digitsEnd = LineReader.SkipDigits(line, pos);
        if (digitsEnd > pos && digitsEnd < line.Length && LineReader.IsBlank(line[digitsEnd]))
        {
            pos = LineReader.SkipBlanks(line, digitsEnd);
        }

        // log4net's "%date [%thread] %level" puts the thread before the level.
        if (pos < line.Length && line[pos] == '[')
        {
            var close = MatchingBracket(line, pos);
            if (close < 0)
            {
                return false;
            }

            pos = LineReader.SkipBlanks(line, close + 1);
        }

        var levelEnd = pos;
        while (levelEnd < line.Length && LineReader.IsLetter(line[levelEnd]))
        {
            levelEnd++;
        }

        if (levelEnd == pos || !LevelWords.IsLevelWord(line[pos..levelEnd])
            || (levelEnd < line.Length && !LineReader.IsBlank(line[levelEnd])))
        {
            return false;
        }

        fields.Level = line[pos..levelEnd];
        pos = LineReader.SkipBlanks(line, levelEnd);
        if (pos < line.Length && line[pos] == '[')
        {
            var close = MatchingBracket(line, pos);
            if (close < 0)
            {
                return false;
            }

            pos = LineReader.SkipBlanks(line, close + 1);
        }

        if (pos + 1 < line.Length && line[pos] == '-' && LineReader.IsBlank(line[pos + 1]))
        {
            // Zookeeper puts the logger inside the thread brackets and a dash before the message.
            fields.Message = MessageTail.Trim(line[(pos + 2)..]);
            return true;
        }

        if (dashed && pos == line.Length)
        {
            return true;
        }

        // "%logger - %message" (log4net, log4j's common layouts) or "%logger: %message".
        var wordEnd = LineReader.NextBlank(line, pos);
        if (wordEnd > pos && line[wordEnd..].StartsWith(" - "u8) && line[wordEnd - 1] != ':')
        {
            fields.Component = line[pos..wordEnd];
            fields.Message = MessageTail.Trim(line[(wordEnd + 3)..]);
            return true;
        }

        MessageTail.Parse(line[pos..], ref fields);
        return true;
    }

    /// <summary>Reads one of the timestamp shapes; returns the index past it, or -1 when the line has none.</summary>
    private static int ReadTimestamp(ReadOnlySpan<byte> line, ref LineFields fields)
    {
        if (line.Length < 13)
        {
            return -1;
        }

        if (line.Length >= 19 && line[4] == '-' && line[7] == '-' && line[10] == ' ' && line[13] == ':')
        {
            // The ISO reader would take a trailing "-0800" as an offset; log4j's default layout has none.
            var n = TimestampParser.TryParseIso(line, out fields.UtcTicks, out fields.OffsetMinutes);
            if (n == 0)
            {
                fields.Timestamp = TimestampStatus.Garbled;
                return LineReader.NextBlank(line, 11);
            }

            fields.Timestamp = TimestampStatus.Parsed;
            return n;
        }

        int year, month, day, pos;
        if (line[2] == '/' && line[5] == '/' && line[8] == ' ')
        {
            // Spark: 17/06/09 20:10:40
            if (!TimestampParser.TryDigits2(line, 0, out year) || !TimestampParser.TryDigits2(line, 3, out month)
                || !TimestampParser.TryDigits2(line, 6, out day) || !LineReader.TryTime(line, 9, out var h, out var m, out var s))
            {
                return -1;
            }

            pos = 17;
            return Complete(line, ref fields, 2000 + year, month, day, h, m, s, pos);
        }

        if (line.Length > 14 && line[6] == ' ' && line[13] == ' ')
        {
            // HDFS: 081109 203615
            if (!TimestampParser.TryDigits2(line, 0, out year) || !TimestampParser.TryDigits2(line, 2, out month)
                || !TimestampParser.TryDigits2(line, 4, out day) || !TimestampParser.TryDigits2(line, 7, out var h)
                || !TimestampParser.TryDigits2(line, 9, out var m) || !TimestampParser.TryDigits2(line, 11, out var s))
            {
                return -1;
            }

            return Complete(line, ref fields, 2000 + year, month, day, h, m, s, 13);
        }

        return -1;
    }

    private static int Complete(ReadOnlySpan<byte> line, ref LineFields fields, int year, int month, int day, int h, int m, int s, int pos)
    {
        long fraction = 0;
        if (pos < line.Length && (line[pos] == '.' || line[pos] == ','))
        {
            pos = LineReader.Fraction(line, pos + 1, out fraction);
        }

        if (TimestampParser.TryComputeTicks(year, month, day, h, m, s, out var ticks))
        {
            fields.UtcTicks = ticks + fraction;
            fields.Timestamp = TimestampStatus.Parsed;
        }
        else
        {
            fields.Timestamp = TimestampStatus.Garbled;
        }

        return pos;
    }

    /// <summary>The index of the bracket closing the one at <paramref name="open"/>, counting nested brackets.</summary>
    internal static int MatchingBracket(ReadOnlySpan<byte> line, int open)
    {
        var depth = 0;
        var end = Math.Min(line.Length, open + MaxThreadLength);
        for (var i = open; i < end; i++)
        {
            if (line[i] == '[')
            {
                depth++;
            }
            else if (line[i] == ']' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
