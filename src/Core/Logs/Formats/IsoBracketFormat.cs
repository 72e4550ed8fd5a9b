using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PosFleet.Logs.Formats;

/// <summary><c>2026-11-20T10:15:02.123Z [ERROR] term=POS-0027 printer: paper out</c>: the POS activity-log format.</summary>
internal sealed class IsoBracketFormat() : LogFormat("iso")
{
    public override string Description => "ISO-8601 timestamp and bracketed level: 2026-11-20T10:15:02.123Z [ERROR] term=POS-0027 printer: paper out";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var minute = default(IsoMinuteCache);
        if (!TryParseHead(line, ref minute, ref fields, out var tail))
        {
            return false;
        }

        MessageTail.Parse(line[tail..], ref fields);
        return true;
    }

    /// <summary>
    /// Reads the timestamp and the level only, so that a scan can drop a line outside its window before reading the
    /// rest; <see cref="MessageTail.Parse"/> on <c>line[tail..]</c> then completes what <see cref="TryParse"/> reads.
    /// </summary>
    /// <returns><see langword="false"/> when the line does not have this format's shape (as <see cref="TryParse"/>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseHead(ReadOnlySpan<byte> line, ref IsoMinuteCache minute, ref LineFields fields, out int tail)
    {
        tail = 0;
        int n;
        if (line.Length > 26 && minute.Valid && MemoryMarshal.Read<Int128>(line) == minute.Head
            && line[16] == ':' && line[19] == '.' && line[23] == 'Z' && line[24] == ' ' && line[25] == '[')
        {
            // The shape nearly every POS line has, in the minute of the line before: "…:SS.mmmZ [" read in place.
            var s1 = (uint)(line[17] - '0');
            var s2 = (uint)(line[18] - '0');
            var m1 = (uint)(line[20] - '0');
            var m2 = (uint)(line[21] - '0');
            var m3 = (uint)(line[22] - '0');
            var second = (s1 * 10) + s2;
            if (s1 > 9 || s2 > 9 || m1 > 9 || m2 > 9 || m3 > 9 || second > 60)
            {
                return false;
            }

            fields.UtcTicks = minute.Ticks + (Math.Min(second, 59) * TimeSpan.TicksPerSecond) + (((m1 * 100) + (m2 * 10) + m3) * TimeSpan.TicksPerMillisecond);
            fields.OffsetMinutes = 0;
            n = 24;
        }
        else
        {
            n = TimestampParser.TryParseIso(line, ref minute, out fields.UtcTicks, out fields.OffsetMinutes);
            if (n == 0)
            {
                return false;
            }
        }

        // Fixed offsets first: with a 'Z' timestamp the level starts at 26; the search is only the fallback.
        if (n + 2 >= line.Length || line[n] != ' ' || line[n + 1] != '[')
        {
            return false;
        }

        var rest = line[(n + 2)..];
        int close;
        if (rest.Length >= 16)
        {
            // The first ']' of the 16 bytes from one compare, except that a ']' at 5 (a five-letter level) comes first.
            var closing = Vector128.Equals(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(rest)), Vector128.Create((byte)']')).ExtractMostSignificantBits();
            close = (closing & (1u << 5)) != 0 ? 5 : closing == 0 ? -1 : BitOperations.TrailingZeroCount(closing);
        }
        else
        {
            close = rest.Length > 5 && rest[5] == ']' ? 5 : -1;
        }

        if (close < 0 && rest.Length < 16)
        {
            // A short scalar scan: a call to a vectorized search costs more than the few bytes of a level token.
            var limit = Math.Min(rest.Length, 16);
            for (var i = 0; i < limit; i++)
            {
                if (rest[i] == ']')
                {
                    close = i;
                    break;
                }
            }
        }

        if (close <= 0)
        {
            return false;
        }

        fields.Timestamp = TimestampStatus.Parsed;
        fields.Level = rest[..close];
        tail = n + 2 + close + 1;
        return true;
    }
}
