using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <content>
/// The POS format's lines, where their timestamp and level tell most of them (every line but those of a chosen kind, or
/// with a keyword): cut and counted a line at a time, and only the others handed to the loop that reads every kind of line.
/// </content>
internal sealed partial class BlockScanner
{
    /// <summary>In an entry of <see cref="Skim"/>: a run of lines counted whole; it ends where the entry's line would.</summary>
    private const ulong CountedRun = 1UL << 34;

    /// <summary>Where a <see cref="CountedRun"/> entry keeps how many lines it holds.</summary>
    private const int RunShift = 40;

    /// <summary>Lines read by one call of <see cref="Skim"/> at most: a stop between two calls costs well under a millisecond.</summary>
    private const int SkimmedLines = 4096;

    /// <summary>
    /// The bytes of a line's head that <see cref="IsoBracketFormat.IsMinuteLine"/> compares: where it holds, they are no
    /// newline, no special byte and no keyword's end, and the line's own reading starts after them.
    /// </summary>
    private const int MinuteHeadBytes = 26;

    /// <summary>
    /// Reads the lines of the POS format from <paramref name="at"/> on, a line at a time, and counts those that their
    /// timestamp and level tell whole: outside the window, or of a level whose kind is not selected and with no keyword
    /// (no mark, where <paramref name="marksTell"/>). The others are written to <paramref name="batch"/> as
    /// <see cref="LineSplitter.NextLines"/> gives them, and each run of counted lines before one of them as one
    /// <see cref="CountedRun"/> entry.
    /// <list type="bullet">
    /// <item>A line whose head is the minute's before (most lines) is read from after it (<see cref="MinuteHeadBytes"/>):
    /// its newline and special bytes 64 bytes at a time, its level in place; and only where the level does not decide,
    /// the keyword marks of its message, from after the <c>term=</c> and <c>org=</c> pairs (<see cref="MessageMarks"/>).
    /// The whole line is about half of its bytes read by the marker, where cutting the block into lines first had them all
    /// read.</item>
    /// <item>Any other line is read from its first byte, the marks with the newlines, and told as before.</item>
    /// </list>
    /// A line handed over whose marks were not looked for is handed over marked: the other loop looks for its keywords
    /// itself. The time of the entry above, which an untimed entry handed over borrows, is not kept: this runs only where
    /// no entry is handed over.
    /// </summary>
    /// <returns>How many entries it wrote; none at the end of the block.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Skim(
        ReadOnlySpan<byte> block, ref int at, Span<ulong> batch, ref long inScope, long fromTicks, long toTicks, KeywordMarker? marker, bool marksTell)
    {
        var (selecting, levels) = (_plan.SelectedKinds, _levels);
        var maxLine = _plan.Options.MaxLineLength;
        var minute = _minute;
        var oneCompare = Vector256.IsHardwareAccelerated;

        // The minute's head and whether the window holds it whole are kept from one call to the next, and made again only
        // when the minute has changed since (its ticks are those of its head: TimestampParser reads them from it).
        if (oneCompare && minute.Valid && minute.Head != _plainMinuteHead)
        {
            (_plainMinuteHead, _plainHead, _plainInside) = (minute.Head, IsoBracketFormat.MinuteHead(minute), Inside(minute.Ticks, fromTicks, toTicks));
        }

        var (head, inside, limits) = (_plainHead, oneCompare && minute.Valid && _plainInside, _digitLimits);
        var fields = default(LineFields);
        ref var first = ref MemoryMarshal.GetReference(block);
        var (start, scope, count, run, runEnd, read) = (at, inScope, 0, 0L, 0, 0);
        var room = batch.Length - 1;
        while (start < block.Length && count < room && read < SkimmedLines)
        {
            read++;

            // Most lines are of a minute the window holds whole: their head in two vector compares.
            ref var line = ref Unsafe.Add(ref first, start);
            var headed = inside && block.Length - start >= 32 && IsoBracketFormat.IsMinuteLine(ref line, head, limits);
            int end;
            ulong specials, marks;
            if (headed)
            {
                end = EndOfHeaded(block, start, out specials, out var blanks);
                var length = end - start;
                if (specials == 0 && end != block.Length && length <= maxLine && length >= 42
                    && levels.FindClosed(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref line, 26))) is { } known
                    && (known.Token.Length >= 5 || Unsafe.Add(ref line, 31) != (byte)']'))
                {
                    if (selecting[(int)known.Kind] || !marksTell)
                    {
                        // Handed over marked: the other loop looks for the keywords itself.
                        marks = 1;
                    }
                    else
                    {
                        marks = marker is null ? 0 : MessageMarks(block, marker, start, end, 26 + known.Token.Length, blanks);
                        if (marks == 0)
                        {
                            scope++;
                            known.Told++;
                            (run, runEnd, start) = (run + 1, end, end + 1);
                            continue;
                        }
                    }

                    if (run > 0)
                    {
                        batch[count++] = (uint)runEnd | CountedRun | ((ulong)run << RunShift);
                        run = 0;
                    }

                    batch[count++] = (uint)end | LineSplitter.MarkedLine;
                    start = end + 1;
                    continue;
                }

                marks = marker is null ? 0 : AllMarks(block, marker, start + MinuteHeadBytes, end);
            }
            else
            {
                // The line's end, and whether it holds a special byte or a keyword's mark, 64 bytes at a time.
                var step = start;
                (specials, marks) = (0UL, 0UL);
                while (true)
                {
                    if (step >= block.Length)
                    {
                        end = block.Length;
                        break;
                    }

                    var newlines = LineSplitter.Masks(block, step, wide: true, out var special);
                    var marked = marker?.Mark64(block, step) ?? 0;
                    if (newlines != 0)
                    {
                        var bit = BitOperations.TrailingZeroCount(newlines);
                        var before = (1UL << bit) - 1;
                        (specials, marks, end) = (specials | (special & before), marks | (marked & before), step + bit);
                        break;
                    }

                    (specials, marks, step) = (specials | special, marks | marked, step + 64);
                }
            }

            if (Counted(block, start, end, specials, marks != 0, headed, ref line, ref minute, ref head, ref inside, ref fields, ref scope, fromTicks, toTicks, marksTell, maxLine, selecting, levels, limits))
            {
                (run, runEnd, start) = (run + 1, end, end + 1);
                continue;
            }

            if (run > 0)
            {
                batch[count++] = (uint)runEnd | CountedRun | ((ulong)run << RunShift);
                run = 0;
            }

            batch[count++] = (uint)end | (specials != 0 ? LineSplitter.SpecialLine : 0) | (marks != 0 ? LineSplitter.MarkedLine : 0);
            start = end + 1;
        }

        if (run > 0)
        {
            batch[count++] = (uint)runEnd | CountedRun | ((ulong)run << RunShift);
        }

        (_minute, at, inScope) = (minute, start, scope);
        return count;
    }


    /// <summary>
    /// Where a line whose first <see cref="MinuteHeadBytes"/> bytes are known ends (its newline, or the end of the block),
    /// whether the rest holds a special byte, and the blanks of the 64 bytes after the head (none where fewer are left).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EndOfHeaded(ReadOnlySpan<byte> block, int start, out ulong specials, out ulong blanks)
    {
        var step = start + MinuteHeadBytes;
        (specials, blanks) = (0UL, 0UL);
        var first = true;
        while (step < block.Length)
        {
            ulong newlines, special;
            if (first && block.Length - step >= 64 && Vector256.IsHardwareAccelerated)
            {
                ref var p = ref Unsafe.Add(ref MemoryMarshal.GetReference(block), step);
                LineSplitter.Prefetch(ref p);
                var a = Vector256.LoadUnsafe(ref p);
                var b = Vector256.LoadUnsafe(ref p, 32);
                special = ~(Vector256.GreaterThan(a.AsSByte(), Vector256<sbyte>.Zero).ExtractMostSignificantBits()
                    | ((ulong)Vector256.GreaterThan(b.AsSByte(), Vector256<sbyte>.Zero).ExtractMostSignificantBits() << 32));
                var nl = Vector256.Create((byte)'\n');
                newlines = Vector256.Equals(a, nl).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(b, nl).ExtractMostSignificantBits() << 32);
                var blank = Vector256.Create((byte)' ');
                blanks = Vector256.Equals(a, blank).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(b, blank).ExtractMostSignificantBits() << 32);
            }
            else
            {
                newlines = LineSplitter.Masks(block, step, wide: true, out special);
            }

            if (newlines != 0)
            {
                var bit = BitOperations.TrailingZeroCount(newlines);
                specials |= special & ((1UL << bit) - 1);
                blanks &= first ? (1UL << bit) - 1 : ulong.MaxValue;
                return step + bit;
            }

            first = false;

            specials |= special;
            step += 64;
        }

        return block.Length;
    }

    /// <summary>
    /// The keyword marks of a headed line's message, from where it may start: after the level's <c>]</c> at
    /// <paramref name="close"/>, and after a <c>term=</c> value and an <c>org=</c> value that follow it, each after one
    /// blank, which is how <see cref="MessageTail"/> reads them. Never from after where the message starts: a keyword
    /// anywhere in the message is marked.
    /// </summary>
    /// <param name="blanks">The blanks of the 64 bytes after the line's head, none past its newline (<see cref="EndOfHeaded"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MessageMarks(ReadOnlySpan<byte> block, KeywordMarker marker, int start, int end, int close, ulong blanks)
    {
        ref var line = ref Unsafe.Add(ref MemoryMarshal.GetReference(block), start);
        var from = close + 1;

        // A pair's value ends at its first blank, which the blanks' mask gives (bit i for the line's byte 26 + i).
        if (from + 6 < end - start && Unsafe.Add(ref line, from) == (byte)' '
            && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref line, from + 1)) == TermKey && Unsafe.Add(ref line, from + 5) == (byte)'='
            && from + 6 - MinuteHeadBytes < 64 && blanks >> (from + 6 - MinuteHeadBytes) is var afterTerm && afterTerm != 0)
        {
            from += 6 + BitOperations.TrailingZeroCount(afterTerm);
            if (from + 5 < end - start && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref line, from + 1)) == OrgKey
                && from + 5 - MinuteHeadBytes < 64 && blanks >> (from + 5 - MinuteHeadBytes) is var afterOrg && afterOrg != 0)
            {
                from += 5 + BitOperations.TrailingZeroCount(afterOrg);
            }
        }

        return AllMarks(block, marker, start + from, end);
    }

    /// <summary>The keyword marks of <c>[from, end)</c>, 64 bytes at a time (bit <c>i</c> for <c>from + i</c>, within the first 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AllMarks(ReadOnlySpan<byte> block, KeywordMarker marker, int from, int end)
    {
        ulong marks = 0;
        for (var step = from; step < end; step += 64)
        {
            var found = marker.Mark64Inlined(block, step);
            marks |= end - step < 64 ? found & ((1UL << (end - step)) - 1) : found;
        }

        return marks;
    }

    // "term" and "org=" as read little-endian.
    private const uint TermKey = 0x6D72_6574u;
    private const uint OrgKey = 0x3D67_726Fu;

    /// <summary>
    /// Whether the line <c>[start, end)</c> is told whole by its timestamp and level (see <see cref="Skim"/>), and counted:
    /// not where it holds a special byte, ends the block, is blank, too long or does not start with a digit (never a
    /// continuation line in this layout), or its head does not parse.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Counted(
        ReadOnlySpan<byte> block, int start, int end, ulong specials, bool marked, bool headed, ref byte line, ref IsoMinuteCache minute,
        ref Vector256<byte> head, ref bool inside, ref LineFields fields, ref long scope, long fromTicks, long toTicks, bool marksTell, int maxLine,
        bool[] selecting, LevelCounter levels, Vector256<byte> limits)
    {
        if (specials != 0 || end == block.Length)
        {
            return false;
        }

        // A CRLF line keeps its return here: only the head is read, which the return cannot change, and a line one byte too
        // long with it is left to the other loop, which tells.
        var text = block[start..end];
        if (text.IsEmpty || text.Length > maxLine || !char.IsAsciiDigit((char)text[0]))
        {
            return false;
        }

        // A line of a minute the window holds whole, and of the level of a line before: its level in one more compare, and
        // its time not read at all.
        if (headed && text.Length >= 42
            && levels.FindClosed(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref line, 26))) is { } known
            && (known.Token.Length >= 5 || Unsafe.Add(ref line, 31) != (byte)']'))
        {
            if (selecting[(int)known.Kind] || !marksTell || marked)
            {
                return false;
            }

            scope++;
            known.Told++;
            return true;
        }

        // Else read as before: a line of the minute before in two vector compares; else as any line's head, and its minute,
        // when it starts one, compared from then on.
        long lineTicks;
        ReadOnlySpan<byte> token;
        var oneCompare = Vector256.IsHardwareAccelerated;
        if (!oneCompare || !minute.Valid || !IsoBracketFormat.TryReadMinuteHead(text, head, minute.Ticks, out lineTicks, out token))
        {
            var before = minute.Head;
            if (!IsoBracketFormat.TryParseHead(text, ref minute, ref fields, out _))
            {
                return false;
            }

            lineTicks = fields.UtcTicks;
            token = fields.Level;
            if (oneCompare && minute.Head != before)
            {
                (head, inside) = (IsoBracketFormat.MinuteHead(minute), Inside(minute.Ticks, fromTicks, toTicks));
                (_plainMinuteHead, _plainHead, _plainInside) = (minute.Head, head, inside);
            }
        }

        if (lineTicks >= fromTicks && lineTicks < toTicks)
        {
            var level = levels.Find(token);
            if (selecting[(int)level.Kind] || !marksTell || marked)
            {
                return false;
            }

            scope++;
            level.Told++;
        }

        return true;
    }

    /// <summary>Whether every time of the minute starting at <paramref name="minuteTicks"/> is inside the window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Inside(long minuteTicks, long fromTicks, long toTicks) =>
        minuteTicks >= fromTicks && minuteTicks < toTicks && toTicks - minuteTicks >= TimeSpan.TicksPerMinute;
}
