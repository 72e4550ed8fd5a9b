using static PosFleet.Logs.Formats.LineReader;

namespace PosFleet.Logs.Formats;

/// <content>The parts the shapes share: a date, a time with its fraction, a zone.</content>
internal static partial class GenericTimestamps
{
    /// <summary>Reads <c>yyyy-MM-dd</c>, <c>yyyy/MM/dd</c> or <c>yyyy.MM.dd</c>.</summary>
    private static int ReadDate(ReadOnlySpan<byte> s, int at, out int year, out int month, out int day)
    {
        month = day = 0;
        year = 0;
        if (at + 10 > s.Length)
        {
            return -1;
        }

        var sep = s[at + 4];
        return sep is (byte)'-' or (byte)'/' or (byte)'.' && s[at + 7] == sep && TimestampParser.TryDigits4(s, at, out year)
            && TimestampParser.TryDigits2(s, at + 5, out month) && TimestampParser.TryDigits2(s, at + 8, out day)
            ? at + 10
            : -1;
    }

    /// <summary>Reads <c>HH:mm:ss</c> or <c>HH.mm.ss</c> and an optional fraction (after <c>. , :</c>).</summary>
    private static int ReadTime(ReadOnlySpan<byte> s, int at, out int h, out int m, out int sec, out long fraction)
    {
        h = m = sec = 0;
        fraction = 0;
        if (at + 8 > s.Length)
        {
            return -1;
        }

        var sep = s[at + 2];
        if (sep is not ((byte)':' or (byte)'.') || s[at + 5] != sep || !TimestampParser.TryDigits2(s, at, out h)
            || !TimestampParser.TryDigits2(s, at + 3, out m) || !TimestampParser.TryDigits2(s, at + 6, out sec))
        {
            return -1;
        }

        return FractionAfter(s, at + 8, out fraction);
    }

    private static int FractionAfter(ReadOnlySpan<byte> s, int pos, out long fraction, bool dotOnly = false)
    {
        fraction = 0;
        if (pos + 1 < s.Length && (s[pos] == '.' || (!dotOnly && s[pos] is (byte)',' or (byte)':')) && IsDigit(s[pos + 1]))
        {
            return LineReader.Fraction(s, pos + 1, out fraction);
        }

        return pos;
    }

    private static int Zone(ReadOnlySpan<byte> s, int pos, ref int offset)
    {
        if (pos >= s.Length)
        {
            return pos;
        }

        if (s[pos] == 'Z')
        {
            return pos + 1;
        }

        var sign = s[pos];
        if (sign is not ((byte)'+' or (byte)'-') || pos + 3 > s.Length || !TimestampParser.TryDigits2(s, pos + 1, out var oh))
        {
            return pos;
        }

        var end = pos + 3;
        var om = 0;
        if (end + 3 <= s.Length && s[end] == ':' && TimestampParser.TryDigits2(s, end + 1, out om))
        {
            end += 3;
        }
        else if (end + 2 <= s.Length && TimestampParser.TryDigits2(s, end, out om))
        {
            end += 2;
        }

        if ((oh * 60) + om > 14 * 60 || om > 59)
        {
            return -1;
        }

        offset = sign == '-' ? -((oh * 60) + om) : (oh * 60) + om;
        return end;
    }
}
