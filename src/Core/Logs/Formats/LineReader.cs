namespace PosFleet.Logs.Formats;

/// <summary>Small byte-level readers shared by the formats: blanks, words, digits, month and day names.</summary>
internal static class LineReader
{
    private static ReadOnlySpan<byte> MonthNames => "JanFebMarAprMayJunJulAugSepOctNovDec"u8;

    public static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    /// <summary>The index of the first non-blank byte at or after <paramref name="at"/>.</summary>
    public static int SkipBlanks(ReadOnlySpan<byte> s, int at)
    {
        while (at < s.Length && IsBlank(s[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>The index of the first blank at or after <paramref name="at"/>, or the length.</summary>
    public static int NextBlank(ReadOnlySpan<byte> s, int at)
    {
        while (at < s.Length && !IsBlank(s[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>The index past a run of digits starting at <paramref name="at"/> (equal to it when there is none).</summary>
    public static int SkipDigits(ReadOnlySpan<byte> s, int at)
    {
        while (at < s.Length && IsDigit(s[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>Reads a three-letter English month abbreviation (case-insensitive) at <paramref name="at"/>: 1–12, or 0.</summary>
    public static int Month(ReadOnlySpan<byte> s, int at)
    {
        if (at + 3 > s.Length)
        {
            return 0;
        }

        Span<byte> lower = [(byte)(s[at] | 0x20), (byte)(s[at + 1] | 0x20), (byte)(s[at + 2] | 0x20)];
        var names = MonthNames;
        for (var m = 0; m < 12; m++)
        {
            var name = names.Slice(m * 3, 3);
            if ((name[0] | 0x20) == lower[0] && name[1] == lower[1] && name[2] == lower[2])
            {
                return m + 1;
            }
        }

        return 0;
    }

    /// <summary>Reads a fraction of a second (digits after the separator) into ticks; returns the index past it.</summary>
    public static int Fraction(ReadOnlySpan<byte> s, int at, out long ticks)
    {
        ticks = 0;
        long scale = TimeSpan.TicksPerSecond;
        var digits = 0;
        while (at < s.Length && IsDigit(s[at]))
        {
            if (digits < 7)
            {
                scale /= 10;
                ticks += (s[at] - '0') * scale;
            }

            digits++;
            at++;
        }

        return at;
    }

    /// <summary>Reads <c>HH:mm:ss</c> at <paramref name="at"/>.</summary>
    public static bool TryTime(ReadOnlySpan<byte> s, int at, out int hour, out int minute, out int second)
    {
        minute = second = 0;
        hour = 0;
        return at + 8 <= s.Length && s[at + 2] == ':' && s[at + 5] == ':'
            && TimestampParser.TryDigits2(s, at, out hour) && TimestampParser.TryDigits2(s, at + 3, out minute)
            && TimestampParser.TryDigits2(s, at + 6, out second);
    }

    /// <summary>Reads one or two digits at <paramref name="at"/>; returns the index past them, or -1.</summary>
    public static int OneOrTwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at >= s.Length || !IsDigit(s[at]))
        {
            return -1;
        }

        value = s[at] - '0';
        if (at + 1 < s.Length && IsDigit(s[at + 1]))
        {
            return TimestampParser.TryDigits2(s, at, out value) ? at + 2 : -1;
        }

        return at + 1;
    }

    /// <summary>Trims blanks at the end of <paramref name="s"/>.</summary>
    public static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> s)
    {
        var e = s.Length;
        while (e > 0 && IsBlank(s[e - 1]))
        {
            e--;
        }

        return s[..e];
    }
}
