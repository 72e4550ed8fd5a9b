using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PosFleet.Logs.Formats;

/// <summary>
/// Hand-written timestamp readers for the hot path: <c>DateTimeOffset.TryParseExact</c> per line costs several times
/// what the whole rest of a line's work does.
/// </summary>
internal static class TimestampParser
{
    private static readonly long[] FractionScale = [0, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    private static readonly int[] DaysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

    /// <summary>
    /// Reads <c>YYYY-MM-DD[T| ]HH:MM:SS[(.|,)fraction][Z|±HH:MM|±HHMM|±HH]</c> at the start of <paramref name="s"/>.
    /// </summary>
    /// <returns>The number of bytes read, or 0 when <paramref name="s"/> does not start with such a timestamp.</returns>
    public static int TryParseIso(ReadOnlySpan<byte> s, out long utcTicks, out short offsetMinutes)
    {
        var minute = default(IsoMinuteCache);
        return TryParseIso(s, ref minute, out utcTicks, out offsetMinutes);
    }

    /// <summary>
    /// Reads an ISO-8601 timestamp like <see cref="TryParseIso(ReadOnlySpan{byte}, out long, out short)"/>, but skips
    /// the calendar arithmetic when the line starts with the same <c>YYYY-MM-DDTHH:MM</c> as the last one: consecutive
    /// lines of a log almost always do, so most lines cost a 16-byte comparison and the seconds.
    /// </summary>
    public static int TryParseIso(ReadOnlySpan<byte> s, ref IsoMinuteCache cache, out long utcTicks, out short offsetMinutes)
    {
        utcTicks = 0;
        offsetMinutes = 0;
        if (s.Length < 19)
        {
            return 0;
        }

        long minuteTicks;
        var head = MemoryMarshal.Read<Int128>(s);
        if (head == cache.Head && cache.Valid)
        {
            minuteTicks = cache.Ticks;
        }
        else
        {
            if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
            {
                return 0;
            }

            if (!TryDigits4(s, 0, out var year) || !TryDigits2(s, 5, out var month) || !TryDigits2(s, 8, out var day)
                || !TryDigits2(s, 11, out var hour) || !TryDigits2(s, 14, out var minute)
                || !TryComputeTicks(year, month, day, hour, minute, 0, out minuteTicks))
            {
                return 0;
            }

            cache = new IsoMinuteCache(head, minuteTicks);
        }

        if (s[16] != ':' || !TryDigits2(s, 17, out var second) || second > 60)
        {
            return 0;
        }

        var pos = 19;
        long fractionTicks = 0;
        if (pos < s.Length && (s[pos] == '.' || s[pos] == ','))
        {
            pos++;
            var digits = 0;
            while (pos < s.Length && (uint)(s[pos] - '0') <= 9)
            {
                if (digits < 7)
                {
                    fractionTicks = (fractionTicks * 10) + (s[pos] - '0');
                }

                digits++;
                pos++;
            }

            if (digits == 0)
            {
                return 0;
            }

            // Digits past the seventh are below a tick and dropped; fewer are scaled up (".123" is 1,230,000 ticks).
            fractionTicks *= FractionScale[Math.Min(digits, 7)];
        }

        var offset = 0;
        if (pos < s.Length)
        {
            var c = s[pos];
            if (c == 'Z')
            {
                pos++;
            }
            else if ((c == '+' || c == '-') && pos + 3 <= s.Length && TryDigits2(s, pos + 1, out var oh))
            {
                var om = 0;
                var end = pos + 3;
                if (end + 3 <= s.Length && s[end] == ':' && TryDigits2(s, end + 1, out om))
                {
                    end += 3;
                }
                else if (end + 2 <= s.Length && TryDigits2(s, end, out om))
                {
                    end += 2;
                }

                // Offsets run from -14:00 to +14:00: "+99" is not one, and DateTimeOffset could not hold it.
                if (oh > 14 || om > 59 || (oh * 60) + om > 14 * 60)
                {
                    return 0;
                }

                offset = (oh * 60) + om;
                if (c == '-')
                {
                    offset = -offset;
                }

                pos = end;
            }
        }

        utcTicks = minuteTicks + (Math.Min(second, 59) * TimeSpan.TicksPerSecond) + fractionTicks - (offset * TimeSpan.TicksPerMinute);
        if ((ulong)utcTicks > (ulong)DateTime.MaxValue.Ticks)
        {
            // 0001-01-01T00:00:00+01:00 or 9999-12-31T23:59:59-01:00: an instant before or after the calendar.
            utcTicks = 0;
            return 0;
        }

        offsetMinutes = (short)offset;
        return pos;
    }

    /// <summary>Computes the ticks of a calendar date and time, checking every field's range.</summary>
    public static bool TryComputeTicks(int year, int month, int day, int hour, int minute, int second, out long ticks)
    {
        ticks = 0;
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        var daysInMonth = month == 2 ? (leap ? 29 : 28) : (month is 4 or 6 or 9 or 11 ? 30 : 31);
        if (day > daysInMonth)
        {
            return false;
        }

        var y = year - 1;
        long days = (y * 365) + (y / 4) - (y / 100) + (y / 400) + DaysBeforeMonth[month - 1] + (leap && month > 2 ? 1 : 0) + day - 1;
        ticks = (days * TimeSpan.TicksPerDay) + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute)
            + (Math.Min(second, 59) * TimeSpan.TicksPerSecond);
        return true;
    }

    /// <summary>
    /// Computes the ticks of a timestamp without its year (syslog, logcat): the year is <see cref="LineFields.DefaultYear"/>
    /// (the year the file was last written), or the one before when that would put it after the file's last write
    /// (December's lines in a file written on into January), or the last year that has the day (29 February).
    /// </summary>
    public static bool TryComputeYearless(ref LineFields fields, int month, int day, int hour, int minute, int second, out long ticks)
    {
        var year = fields.DefaultYear;
        if (TryComputeTicks(year, month, day, hour, minute, second, out ticks)
            && (fields.LatestTicks == 0 || ticks <= fields.LatestTicks + TimeSpan.TicksPerDay))
        {
            return true;
        }

        for (var y = year - 1; y >= year - 4; y--)
        {
            if (TryComputeTicks(y, month, day, hour, minute, second, out ticks))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryDigits2(ReadOnlySpan<byte> s, int at, out int value)
    {
        var a = (uint)(s[at] - '0');
        var b = (uint)(s[at + 1] - '0');
        value = (int)((a * 10) + b);
        return a <= 9 && b <= 9;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryDigits4(ReadOnlySpan<byte> s, int at, out int value)
    {
        var ok = TryDigits2(s, at, out var hi) & TryDigits2(s, at + 2, out var lo);
        value = (hi * 100) + lo;
        return ok;
    }
}

/// <summary>The minute (<c>YYYY-MM-DDTHH:MM</c>, as 16 bytes) a scanner's last timestamp began with, and its ticks.</summary>
internal readonly struct IsoMinuteCache(Int128 head, long ticks)
{
    public Int128 Head { get; } = head;

    public long Ticks { get; } = ticks;

    public bool Valid { get; } = true;
}
