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

            fields.UtcTicks = InMinute(minute.Ticks, second, (m1 * 100) + (m2 * 10) + m3);
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
            close = LevelClose(ref MemoryMarshal.GetReference(rest));
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

    // In a line's first 32 bytes as TryReadMinuteHead and IsMinuteLine compare them: bytes 0-16, 19 and 23-25 as the
    // minute's head has them; 17, 18 and 20-22 digits.
    private const uint HeadFixed = 0x0001_FFFFu | (1u << 19) | (7u << 23);
    private const uint HeadDigits = (3u << 17) | (7u << 20);

    /// <summary>
    /// The bytes a line of the minute <paramref name="minute"/> starts with, as <see cref="TryReadMinuteHead"/> compares
    /// them: the minute's first 16 bytes, then <c>:SS.mmmZ [</c> (its digits not compared).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<byte> MinuteHead(in IsoMinuteCache minute) =>
        Vector256.Create(
            Unsafe.BitCast<Int128, Vector128<byte>>(minute.Head),
            Vector128.Create((byte)':', (byte)'0', (byte)'0', (byte)'.', (byte)'0', (byte)'0', (byte)'0', (byte)'Z', (byte)' ', (byte)'[', 0, 0, 0, 0, 0, 0));

    /// <summary>
    /// <see cref="TryParseHead"/>'s first case (a line of the minute before, a 'Z' timestamp) in one compare: the line's
    /// first 32 bytes against <paramref name="head"/> (<see cref="MinuteHead"/>), its five digits in one more. Only for a
    /// line of 42 bytes or more (a level token's 16 bytes read in place, as there), where 128-bit vectors are
    /// accelerated; where it returns <see langword="false"/>, <see cref="TryParseHead"/> says what the line is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryReadMinuteHead(ReadOnlySpan<byte> line, Vector256<byte> head, long minuteTicks, out long ticks, out ReadOnlySpan<byte> level)
    {
        ticks = 0;
        level = default;
        if (!Vector128.IsHardwareAccelerated || line.Length < 42)
        {
            return false;
        }

        ref var p = ref MemoryMarshal.GetReference(line);
        var (same, digits) = HeadMasks(ref p, head, Vector256.Create((byte)9));
        if ((same & HeadFixed) != HeadFixed || (digits & HeadDigits) != HeadDigits)
        {
            return false;
        }

        var second = (uint)(((Unsafe.Add(ref p, 17) - '0') * 10) + (Unsafe.Add(ref p, 18) - '0'));
        var milli = (uint)(((Unsafe.Add(ref p, 20) - '0') * 100) + ((Unsafe.Add(ref p, 21) - '0') * 10) + (Unsafe.Add(ref p, 22) - '0'));
        var close = LevelClose(ref Unsafe.Add(ref p, 26));
        if (second > 60 || close <= 0)
        {
            return false;
        }

        ticks = InMinute(minuteTicks, second, milli);
        level = line.Slice(26, close);
        return true;
    }

    /// <summary>
    /// Whether a line starts as <see cref="TryReadMinuteHead"/> reads it, with a second below 60 (a leap second is left to
    /// it): its minute the one of <paramref name="head"/>, its second and millisecond digits. Its level token starts at
    /// byte 26, and is not checked here. A line of 42 bytes or more that this takes, and whose level closes within 16
    /// bytes, <see cref="TryReadMinuteHead"/> takes too, with the same time. 32 bytes must be readable; the caller checks
    /// the line's length.
    /// </summary>
    /// <param name="line">The line's first byte; its first 32 bytes are read.</param>
    /// <param name="head"><see cref="MinuteHead"/> of the minute.</param>
    /// <param name="limits"><see cref="DigitLimits"/>, made once by the caller: a static vector is made by a call at each use.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsMinuteLine(ref byte line, Vector256<byte> head, Vector256<byte> limits)
    {
        var (same, digits) = HeadMasks(ref line, head, limits);
        return (same & HeadFixed) == HeadFixed && (digits & HeadDigits) == HeadDigits;
    }

    /// <summary>
    /// Which of a line's first 32 bytes are <paramref name="head"/>'s, and which are digits up to <paramref name="limits"/>
    /// (each less <c>'0'</c>), as bit masks: one 256-bit compare each, or two 128-bit ones where 256-bit vectors are not
    /// accelerated (an x86-64-v2 processor, arm64). There the 256-bit values only carry their two halves: nothing is
    /// computed on them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint Same, uint Digits) HeadMasks(ref byte line, Vector256<byte> head, Vector256<byte> limits)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var bytes = Vector256.LoadUnsafe(ref line);
            return (Vector256.Equals(bytes, head).ExtractMostSignificantBits(),
                Vector256.LessThanOrEqual(bytes - Vector256.Create((byte)'0'), limits).ExtractMostSignificantBits());
        }

        var low = Vector128.LoadUnsafe(ref line);
        var high = Vector128.LoadUnsafe(ref line, 16);
        var zero = Vector128.Create((byte)'0');
        var same = Vector128.Equals(low, head.GetLower()).ExtractMostSignificantBits()
            | (Vector128.Equals(high, head.GetUpper()).ExtractMostSignificantBits() << 16);
        var digits = Vector128.LessThanOrEqual(low - zero, limits.GetLower()).ExtractMostSignificantBits()
            | (Vector128.LessThanOrEqual(high - zero, limits.GetUpper()).ExtractMostSignificantBits() << 16);
        return (same, digits);
    }

    /// <summary>The largest value of each byte less <c>'0'</c> that <see cref="IsMinuteLine"/> takes for a digit: 5 for the seconds' tens, 9 elsewhere.</summary>
    internal static Vector256<byte> DigitLimits => Vector256.Create(
        (byte)9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 5, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9);

    /// <summary>The time of second <paramref name="second"/> (60, a leap second, read as 59) and millisecond <paramref name="milli"/> of a minute.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long InMinute(long minuteTicks, uint second, uint milli) =>
        minuteTicks + (Math.Min(second, 59) * TimeSpan.TicksPerSecond) + (milli * TimeSpan.TicksPerMillisecond);

    /// <summary>
    /// Where a level token ends among the 16 bytes from <paramref name="rest"/> (all readable): the first ']' from one
    /// compare, except that a ']' at 5 (a five-letter level) comes first; -1 when none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LevelClose(ref byte rest)
    {
        var closing = Vector128.Equals(Vector128.LoadUnsafe(ref rest), Vector128.Create((byte)']')).ExtractMostSignificantBits();
        return (closing & (1u << 5)) != 0 ? 5 : closing == 0 ? -1 : BitOperations.TrailingZeroCount(closing);
    }
}
