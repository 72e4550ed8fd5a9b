using static PosFleet.Logs.Formats.LineReader;

namespace PosFleet.Logs.Formats;

/// <content>
/// The shapes of the Java and Windows tools: Tomcat's <c>30-Nov-2026 10:15:30.123</c>, java.util.logging's
/// <c>Nov 30, 2026 10:15:30 AM</c>, Windows Event Viewer's <c>11/30/2026 10:15:30 AM</c>.
/// </content>
internal static partial class GenericTimestamps
{
    private static int DayMonthNameYear(ReadOnlySpan<byte> s, int at, ref long ticks)
    {
        // 30-Nov-2026 10:15:30.123
        if (at + 20 > s.Length || s[at + 2] != '-' || s[at + 6] != '-' || s[at + 11] != ' '
            || !TimestampParser.TryDigits2(s, at, out var day) || !TimestampParser.TryDigits4(s, at + 7, out var year))
        {
            return -1;
        }

        var month = Month(s, at + 3);
        var pos = ReadTime(s, at + 12, out var h, out var m, out var sec, out var fraction);
        if (month == 0 || pos < 0 || !TimestampParser.TryComputeTicks(year, month, day, h, m, sec, out ticks))
        {
            return -1;
        }

        ticks += fraction;
        return pos;
    }

    private static int MonthNameDayYear(ReadOnlySpan<byte> s, int at, ref long ticks)
    {
        // Nov 30, 2026 10:15:30 AM (or 24-hour, without AM/PM)
        var month = Month(s, at);
        if (month == 0 || at + 4 > s.Length || s[at + 3] != ' ')
        {
            return -1;
        }

        var pos = OneOrTwoDigits(s, at + 4, out var day);
        if (pos < 0 || pos + 7 > s.Length || s[pos] != ',' || s[pos + 1] != ' ' || !TimestampParser.TryDigits4(s, pos + 2, out var year)
            || pos + 6 >= s.Length || s[pos + 6] != ' ')
        {
            return -1;
        }

        return Clock(s, pos + 7, year, month, day, ref ticks);
    }

    /// <summary>Reads <c>M/d/yyyy h:mm:ss</c> with an optional <c>AM</c>/<c>PM</c> (Windows' en-US exports); -1 when it is not there.</summary>
    internal static int UsDateTime(ReadOnlySpan<byte> s, int at, ref long ticks)
    {
        var pos = OneOrTwoDigits(s, at, out var month);
        if (pos < 0 || pos >= s.Length || s[pos] != '/')
        {
            return -1;
        }

        pos = OneOrTwoDigits(s, pos + 1, out var day);
        if (pos < 0 || pos + 6 > s.Length || s[pos] != '/' || !TimestampParser.TryDigits4(s, pos + 1, out var year) || s[pos + 5] != ' ')
        {
            return -1;
        }

        return Clock(s, pos + 6, year, month, day, ref ticks);
    }

    /// <summary>Reads <c>h:mm:ss</c> (one or two digits of hour, a fraction) and an optional <c> AM</c>/<c> PM</c>.</summary>
    private static int Clock(ReadOnlySpan<byte> s, int at, int year, int month, int day, ref long ticks)
    {
        var pos = OneOrTwoDigits(s, at, out var h);
        if (pos < 0 || pos + 6 > s.Length || s[pos] != ':' || s[pos + 3] != ':' || !TimestampParser.TryDigits2(s, pos + 1, out var m)
            || !TimestampParser.TryDigits2(s, pos + 4, out var sec))
        {
            return -1;
        }

        pos = FractionAfter(s, pos + 6, out var fraction);
        if (pos + 3 <= s.Length && s[pos] == ' ' && s[pos + 2] == 'M' && s[pos + 1] is (byte)'A' or (byte)'P')
        {
            if (h is < 1 or > 12)
            {
                return -1;
            }

            h = (h % 12) + (s[pos + 1] == 'P' ? 12 : 0);
            pos += 3;
        }

        if (!TimestampParser.TryComputeTicks(year, month, day, h, m, sec, out ticks))
        {
            return -1;
        }

        ticks += fraction;
        return pos;
    }
}
