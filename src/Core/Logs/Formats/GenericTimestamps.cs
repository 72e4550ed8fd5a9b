using static PosFleet.Logs.Formats.LineReader;

namespace PosFleet.Logs.Formats;

/// <summary>Reads a timestamp of a given <see cref="TimestampShape"/> at a place in a line, by hand (no parsing API per line).</summary>
internal static partial class GenericTimestamps
{
    /// <summary>Every shape, in the order they are tried at one place.</summary>
    public static readonly TimestampShape[] Shapes =
    [
        TimestampShape.DateTime, TimestampShape.CompactDateTime, TimestampShape.WebServer, TimestampShape.CTime,
        TimestampShape.Epoch, TimestampShape.DayMonthNameYear, TimestampShape.MonthNameDayYear, TimestampShape.UsDateTime, TimestampShape.MonthNameDay, TimestampShape.MonthDay, TimestampShape.Date, TimestampShape.Time,
    ];

    // Unix seconds from 2000-01-01 to 2100-01-01: a ten-digit number outside these is an id, not a time.
    private const long EpochFirst = 946_684_800;
    private const long EpochLast = 4_102_444_800;

    /// <summary>How much a shape says: a full date and time (3), a date and time without the year (2), half of it (1).</summary>
    public static int Quality(TimestampShape shape) => shape switch
    {
        TimestampShape.MonthNameDay or TimestampShape.MonthDay => 2,
        TimestampShape.Date or TimestampShape.Time or TimestampShape.None => 1,
        _ => 3,
    };

    /// <summary>Reads a timestamp of <paramref name="shape"/> at <paramref name="at"/> into <paramref name="fields"/>.</summary>
    /// <returns>The index past it, or -1.</returns>
    public static int TryRead(TimestampShape shape, scoped ReadOnlySpan<byte> s, int at, ref LineFields fields)
    {
        long ticks = 0;
        var offset = 0;
        var end = shape switch
        {
            TimestampShape.DateTime => DateTime(s, at, ref ticks, ref offset),
            TimestampShape.CompactDateTime => Compact(s, at, ref ticks),
            TimestampShape.WebServer => WebServer(s, at, ref ticks, ref offset),
            TimestampShape.CTime => CTime(s, at, ref ticks),
            TimestampShape.Epoch => Epoch(s, at, ref ticks),
            TimestampShape.DayMonthNameYear => DayMonthNameYear(s, at, ref ticks),
            TimestampShape.MonthNameDayYear => MonthNameDayYear(s, at, ref ticks),
            TimestampShape.UsDateTime => UsDateTime(s, at, ref ticks),
            TimestampShape.MonthNameDay => MonthNameDay(s, at, ref fields, ref ticks),
            TimestampShape.MonthDay => MonthDay(s, at, ref fields, ref ticks),
            TimestampShape.Date => Date(s, at, ref ticks),
            TimestampShape.Time => Time(s, at, ref fields, ref ticks),
            _ => -1,
        };
        if (end < 0 || !EndsWord(s, end))
        {
            return -1;
        }

        ticks -= offset * TimeSpan.TicksPerMinute;
        if ((ulong)ticks > (ulong)System.DateTime.MaxValue.Ticks)
        {
            return -1;
        }

        fields.UtcTicks = ticks;
        fields.OffsetMinutes = (short)offset;
        fields.Timestamp = TimestampStatus.Parsed;
        return end;
    }

    /// <summary>A timestamp ends a word: the line ends, or a blank or punctuation follows it.</summary>
    private static bool EndsWord(ReadOnlySpan<byte> s, int end) =>
        end >= s.Length || s[end] is (byte)' ' or (byte)'\t' or (byte)'|' or (byte)',' or (byte)']' or (byte)':' or (byte)';'
            or (byte)')' or (byte)'[' or (byte)'>' or (byte)'"';

    private static int DateTime(ReadOnlySpan<byte> s, int at, ref long ticks, ref int offset)
    {
        var pos = ReadDate(s, at, out var year, out var month, out var day);
        if (pos < 0 || pos >= s.Length)
        {
            return -1;
        }

        if (s[pos] is (byte)'T' or (byte)'_' or (byte)'-')
        {
            pos++;
        }
        else
        {
            var blanks = SkipBlanks(s, pos);
            if (blanks == pos || blanks - pos > 3)
            {
                return -1;
            }

            pos = blanks;
        }

        pos = ReadTime(s, pos, out var h, out var m, out var sec, out var fraction);
        if (pos < 0 || !TimestampParser.TryComputeTicks(year, month, day, h, m, sec, out ticks))
        {
            return -1;
        }

        ticks += fraction;
        return Zone(s, pos, ref offset);
    }

    private static int Compact(ReadOnlySpan<byte> s, int at, ref long ticks)
    {
        var digits = SkipDigits(s, at) - at;
        if ((digits != 8 && digits != 6) || at + digits >= s.Length || s[at + digits] is not ((byte)'-' or (byte)'T' or (byte)' '))
        {
            return -1;
        }

        int year;
        var d = at;
        if (digits == 8)
        {
            _ = TimestampParser.TryDigits4(s, at, out year);
            d += 4;
        }
        else
        {
            _ = TimestampParser.TryDigits2(s, at, out year);
            year += 2000;
            d += 2;
        }

        _ = TimestampParser.TryDigits2(s, d, out var month);
        _ = TimestampParser.TryDigits2(s, d + 2, out var day);
        var pos = at + digits + 1;
        int h, m = 0, sec = 0;
        if (SkipDigits(s, pos) - pos == 6)
        {
            _ = TimestampParser.TryDigits2(s, pos, out h);
            _ = TimestampParser.TryDigits2(s, pos + 2, out m);
            _ = TimestampParser.TryDigits2(s, pos + 4, out sec);
            pos += 6;
        }
        else
        {
            // H:m:s, each of one or two digits.
            pos = OneOrTwoDigits(s, pos, out h);
            pos = pos < 0 || pos >= s.Length || s[pos] != ':' ? -1 : OneOrTwoDigits(s, pos + 1, out m);
            pos = pos < 0 || pos >= s.Length || s[pos] != ':' ? -1 : OneOrTwoDigits(s, pos + 1, out sec);
            if (pos < 0)
            {
                return -1;
            }
        }

        if (!TimestampParser.TryComputeTicks(year, month, day, h, m, sec, out ticks))
        {
            return -1;
        }

        pos = FractionAfter(s, pos, out var fraction);
        ticks += fraction;
        return pos;
    }

    private static int WebServer(ReadOnlySpan<byte> s, int at, ref long ticks, ref int offset)
    {
        // 10/Oct/2000:13:55:36 -0700
        if (at + 20 > s.Length || s[at + 2] != '/' || s[at + 6] != '/' || s[at + 11] != ':'
            || !TimestampParser.TryDigits2(s, at, out var day) || !TimestampParser.TryDigits4(s, at + 7, out var year))
        {
            return -1;
        }

        var month = Month(s, at + 3);
        if (month == 0 || !TryTime(s, at + 12, out var h, out var m, out var sec)
            || !TimestampParser.TryComputeTicks(year, month, day, h, m, sec, out ticks))
        {
            return -1;
        }

        var pos = at + 20;
        return pos < s.Length && s[pos] == ' ' && pos + 1 < s.Length && s[pos + 1] is (byte)'+' or (byte)'-' ? Zone(s, pos + 1, ref offset) : pos;
    }

    private static int CTime(ReadOnlySpan<byte> s, int at, ref long ticks)
    {
        // Sun Dec 04 04:47:44 2005
        if (at + 4 > s.Length || !IsLetter(s[at]) || !IsLetter(s[at + 1]) || !IsLetter(s[at + 2]) || s[at + 3] != ' ')
        {
            return -1;
        }

        var month = Month(s, at + 4);
        var day = 0;
        var pos = month == 0 || at + 8 > s.Length || s[at + 7] != ' ' ? -1 : SkipBlanks(s, at + 8);
        pos = pos < 0 ? -1 : OneOrTwoDigits(s, pos, out day);
        if (pos < 0 || pos >= s.Length || s[pos] != ' ')
        {
            return -1;
        }

        pos = ReadTime(s, pos + 1, out var h, out var m, out var sec, out var fraction);
        if (pos < 0 || pos + 5 > s.Length || s[pos] != ' ' || !TimestampParser.TryDigits4(s, pos + 1, out var year)
            || !TimestampParser.TryComputeTicks(year, month, day, h, m, sec, out ticks))
        {
            return -1;
        }

        ticks += fraction;
        return pos + 5;
    }

    private static int Epoch(ReadOnlySpan<byte> s, int at, ref long ticks)
    {
        var end = SkipDigits(s, at);
        var digits = end - at;
        if (digits is not (10 or 13))
        {
            return -1;
        }

        long value = 0;
        for (var i = at; i < end; i++)
        {
            value = (value * 10) + (s[i] - '0');
        }

        long fraction = 0;
        if (digits == 13)
        {
            fraction = value % 1000 * TimeSpan.TicksPerMillisecond;
            value /= 1000;
        }
        else
        {
            end = FractionAfter(s, end, out fraction, dotOnly: true);
        }

        if (value < EpochFirst || value >= EpochLast)
        {
            return -1;
        }

        ticks = System.DateTime.UnixEpoch.Ticks + (value * TimeSpan.TicksPerSecond) + fraction;
        return end;
    }

    private static int MonthNameDay(scoped ReadOnlySpan<byte> s, int at, ref LineFields fields, ref long ticks)
    {
        var month = Month(s, at);
        if (month == 0 || at + 4 > s.Length || s[at + 3] != ' ')
        {
            return -1;
        }

        var pos = OneOrTwoDigits(s, s.Length > at + 4 && s[at + 4] == ' ' ? at + 5 : at + 4, out var day);
        if (pos < 0 || pos >= s.Length || s[pos] != ' ')
        {
            return -1;
        }

        pos = ReadTime(s, pos + 1, out var h, out var m, out var sec, out var fraction);
        if (pos < 0 || !TimestampParser.TryComputeYearless(ref fields, month, day, h, m, sec, out ticks))
        {
            return -1;
        }

        ticks += fraction;
        return pos;
    }

    private static int MonthDay(scoped ReadOnlySpan<byte> s, int at, ref LineFields fields, ref long ticks)
    {
        if (at + 6 > s.Length || s[at + 2] is not ((byte)'-' or (byte)'.' or (byte)'/') || s[at + 5] != ' '
            || !TimestampParser.TryDigits2(s, at, out var month) || !TimestampParser.TryDigits2(s, at + 3, out var day))
        {
            return -1;
        }

        var pos = ReadTime(s, at + 6, out var h, out var m, out var sec, out var fraction);
        if (pos < 0 || !TimestampParser.TryComputeYearless(ref fields, month, day, h, m, sec, out ticks))
        {
            return -1;
        }

        ticks += fraction;
        return pos;
    }

    private static int Date(ReadOnlySpan<byte> s, int at, ref long ticks)
    {
        var pos = ReadDate(s, at, out var year, out var month, out var day);
        return pos >= 0 && TimestampParser.TryComputeTicks(year, month, day, 0, 0, 0, out ticks) ? pos : -1;
    }

    private static int Time(scoped ReadOnlySpan<byte> s, int at, ref LineFields fields, ref long ticks)
    {
        var pos = ReadTime(s, at, out var h, out var m, out var sec, out var fraction);
        if (pos < 0 || !TimestampParser.TryComputeTicks(Math.Max(1, fields.DefaultYear), 1, 1, h, m, sec, out ticks))
        {
            return -1;
        }

        // A time alone is dated by the file: the day it was last written, when known.
        if (fields.LatestTicks > 0)
        {
            ticks = (fields.LatestTicks / TimeSpan.TicksPerDay * TimeSpan.TicksPerDay) + (ticks % TimeSpan.TicksPerDay);
        }

        ticks += fraction;
        return pos;
    }
}
