using System.Diagnostics;
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
    /// <summary>In an entry of <see cref="CountPlainLines"/>: a run of lines counted whole; it ends where the entry's line would.</summary>
    private const ulong CountedRun = 1UL << 34;

    /// <summary>Where a <see cref="CountedRun"/> entry keeps how many lines it holds.</summary>
    private const int RunShift = 40;

    /// <summary>
    /// Lines read by one call of <see cref="CountPlainLines"/> at most: the lines it hands over are still in the
    /// processor's cache when the other loop reads them (256 POS lines are about 31 KiB; 4,096 were × 1.02 slower on the
    /// whole file), and a stop between two calls costs microseconds. Each line read writes one entry at most (a run holds
    /// one line or more): a call never fills its batch.
    /// </summary>
    private const int PlainLinesPerCall = 256;

    /// <summary>
    /// The bytes of a line's head that <see cref="IsoBracketFormat.IsMinuteLine"/> compares: where it holds, they are no
    /// newline and no special byte, and the line's message starts after them; the line's own reading starts there too.
    /// </summary>
    private const int MinuteHeadBytes = 26;

    /// <summary>
    /// Reads the lines of the POS format from <paramref name="at"/> on, a line at a time, and counts those that their
    /// timestamp and level tell whole: outside the window, or of a level whose kind is not selected and with no keyword
    /// (no mark, where <paramref name="marksTell"/>). The others are written to <paramref name="batch"/> in the form of
    /// <see cref="LineSplitter.NextLines"/>'s entries, and each run of counted lines before one of them as one
    /// <see cref="CountedRun"/> entry.
    /// <list type="bullet">
    /// <item>A line whose head is the minute's before (most lines) is read from after it (<see cref="MinuteHeadBytes"/>):
    /// its newline and special bytes 64 bytes at a time, its level in place. Where the level's kind is not selected, the
    /// keyword marks are looked for in its message only, from after the <c>term=</c> and <c>org=</c> pairs
    /// (<see cref="MessageHasMarks"/>).</item>
    /// <item>A line of a selected kind is handed over marked where lines are classified by shape: the other loop then
    /// answers most of them from its cache of shapes, where marks would not pay. Elsewhere its message's marks are looked
    /// for too, and an unmarked line is spared the keyword search there (a mark then says no more than that the message
    /// holds one; the line's head is never a message).</item>
    /// <item>Any other line is read from its first byte, the marks with the newlines (<see cref="TryCountPlain"/>).</item>
    /// </list>
    /// The time of the entry above, which an untimed entry handed over borrows, is not kept: this runs only where no entry
    /// is handed over.
    /// </summary>
    /// <returns>How many entries it wrote; none at the end of the block.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountPlainLines(
        ReadOnlySpan<byte> block, ref int at, Span<ulong> batch, ref long inScope, long fromTicks, long toTicks, KeywordMarker? marker, bool marksTell)
    {
        var (selecting, levels) = (_plan.SelectedKinds, _levels);
        var maxLine = _plan.Options.MaxLineLength;
        var minute = _minute;

        // The minute's head and whether the window holds it whole are kept from one call to the next, and made again only
        // when the minute has changed since (its ticks are those of its head: TimestampParser reads them from it).
        if (Vector128.IsHardwareAccelerated && minute.Valid && minute.Head != _plainMinuteHead)
        {
            (_plainMinuteHead, _plainHead, _plainInside) = (minute.Head, IsoBracketFormat.MinuteHead(minute), Inside(minute.Ticks, fromTicks, toTicks));
        }

        var state = new PlainState
        {
            Minute = minute,
            Head = _plainHead,
            Inside = Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian && minute.Valid && _plainInside,
            FromTicks = fromTicks,
            ToTicks = toTicks,
            MarksTell = marksTell,
            MaxLine = maxLine,
        };
        var limits = _digitLimits;
        ref var first = ref MemoryMarshal.GetReference(block);
        var (start, scope, count, run, runEnd, read) = (at, inScope, 0, 0L, 0, 0);
        Debug.Assert(PlainLinesPerCall < batch.Length, "A line read writes one entry at most: the batch holds a call's entries.");
        while (start < block.Length && read < PlainLinesPerCall)
        {
            read++;

            // Most lines are of a minute the window holds whole: their head in two vector compares.
            ref var line = ref Unsafe.Add(ref first, start);
            int end;
            ulong specials;
            bool marked;
            if (state.Inside && block.Length - start >= 32 && IsoBracketFormat.IsMinuteLine(ref line, state.Head, limits))
            {
                end = EndOfHeaded(block, start, out specials, out var blanks);
                var length = end - start;
                if (specials == 0 && end != block.Length && length <= maxLine && length >= 42
                    && levels.FindClosed(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref line, 26))) is { } known
                    && (known.Token.Length >= 5 || Unsafe.Add(ref line, 31) != (byte)']'))
                {
                    var chosen = selecting[(int)known.Kind];
                    marked = !marksTell
                        || (chosen && _byShape)
                        || (marker is not null && MessageHasMarks(block, marker, start, end, MinuteHeadBytes + known.Token.Length, blanks));
                    if (!chosen && !marked)
                    {
                        scope++;
                        known.Told++;
                        (run, runEnd, start) = (run + 1, end, end + 1);
                        continue;
                    }

                    if (run > 0)
                    {
                        batch[count++] = (uint)runEnd | CountedRun | ((ulong)run << RunShift);
                        run = 0;
                    }

                    batch[count++] = (uint)end | (marked ? LineSplitter.MarkedLine : 0);
                    start = end + 1;
                    continue;
                }

                marked = marker is not null && HasMarks(block, marker, start + MinuteHeadBytes, end);
            }
            else
            {
                // The line's end, and whether it holds a special byte or a keyword's mark, 64 bytes at a time.
                var (step, marks) = (start, 0UL);
                specials = 0;
                while (true)
                {
                    if (step >= block.Length)
                    {
                        end = block.Length;
                        break;
                    }

                    var newlines = LineSplitter.Masks(block, step, wide: true, out var special);
                    var found = marker?.Mark64(block, step) ?? 0;
                    if (newlines != 0)
                    {
                        var bit = BitOperations.TrailingZeroCount(newlines);
                        var before = (1UL << bit) - 1;
                        (specials, marks, end) = (specials | (special & before), marks | (found & before), step + bit);
                        break;
                    }

                    (specials, marks, step) = (specials | special, marks | found, step + 64);
                }

                marked = marks != 0;
            }

            if (TryCountPlain(block, start, end, specials, marked, ref state, ref scope, selecting, levels))
            {
                (run, runEnd, start) = (run + 1, end, end + 1);
                continue;
            }

            if (run > 0)
            {
                batch[count++] = (uint)runEnd | CountedRun | ((ulong)run << RunShift);
                run = 0;
            }

            batch[count++] = (uint)end | (specials != 0 ? LineSplitter.SpecialLine : 0) | (marked ? LineSplitter.MarkedLine : 0);
            start = end + 1;
        }

        if (run > 0)
        {
            batch[count++] = (uint)runEnd | CountedRun | ((ulong)run << RunShift);
        }

        (_minute, at, inScope) = (state.Minute, start, scope);
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
            else if (!Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated && first && block.Length - step >= 64)
            {
                // The same in 16-byte steps, where 256-bit vectors are not accelerated (an x86-64-v2 processor, arm64). The
                // intrinsics come first, so that where they are, the JIT drops this branch as it reads the method.
                ref var p = ref Unsafe.Add(ref MemoryMarshal.GetReference(block), step);
                LineSplitter.Prefetch(ref p);
                (newlines, special) = (0, 0);
                for (var q = 0; q < 64; q += 16)
                {
                    var v = Vector128.LoadUnsafe(ref p, (nuint)q);
                    special |= (ulong)(~Vector128.GreaterThan(v.AsSByte(), Vector128<sbyte>.Zero).ExtractMostSignificantBits() & 0xFFFF) << q;
                    newlines |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\n')).ExtractMostSignificantBits() << q;
                    blanks |= (ulong)Vector128.Equals(v, Vector128.Create((byte)' ')).ExtractMostSignificantBits() << q;
                }
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
    /// Whether the marker marks a keyword's end in a headed line's message, read from where the message may start: after
    /// the level's <c>]</c> at <paramref name="close"/>, and after a <c>term=</c> value and an <c>org=</c> value that
    /// follow it, each after one blank, which is how <see cref="MessageTail"/> reads them. Any other layout of the pairs
    /// is read from an earlier byte: never from after where the message starts, so that a keyword anywhere in the
    /// message is marked (a mark is at a keyword's last byte; the marker reads the bytes before it).
    /// </summary>
    /// <param name="blanks">The blanks of the 64 bytes after the line's head, none past its newline (<see cref="EndOfHeaded"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MessageHasMarks(ReadOnlySpan<byte> block, KeywordMarker marker, int start, int end, int close, ulong blanks)
    {
        ref var line = ref Unsafe.Add(ref MemoryMarshal.GetReference(block), start);
        var from = close + 1;

        // A pair's value ends at its first blank, which the blanks' mask gives (bit i for the line's byte 26 + i). A level
        // token is at most 7 bytes: the term value's first byte is within the mask.
        Debug.Assert(from + 6 - MinuteHeadBytes < 64, "A level token of 7 bytes at most.");
        if (from + 6 < end - start && Unsafe.Add(ref line, from) == (byte)' '
            && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref line, from + 1)) == MessageTail.TermKey && Unsafe.Add(ref line, from + 5) == (byte)'='
            && blanks >> (from + 6 - MinuteHeadBytes) is var afterTerm && afterTerm != 0)
        {
            from += 6 + BitOperations.TrailingZeroCount(afterTerm);
            if (from + 5 < end - start && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref line, from + 1)) == MessageTail.OrgEqualsKey
                && from + 5 - MinuteHeadBytes < 64 && blanks >> (from + 5 - MinuteHeadBytes) is var afterOrg && afterOrg != 0)
            {
                from += 5 + BitOperations.TrailingZeroCount(afterOrg);
            }
        }

        return HasMarks(block, marker, start + from, end);
    }

    /// <summary>Whether the marker marks a keyword's end in <c>[from, end)</c>, read 64 bytes at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasMarks(ReadOnlySpan<byte> block, KeywordMarker marker, int from, int end)
    {
        for (var step = from; step < end; step += 64)
        {
            var found = marker.Mark64Inlined(block, step);
            if ((end - step < 64 ? found & ((1UL << (end - step)) - 1) : found) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Counts the line <c>[start, end)</c>, not one of a minute the window holds whole that <see cref="CountPlainLines"/>
    /// took, where its timestamp and level tell it whole (see there), and says whether it did: not where it holds a
    /// special byte, ends the block, is blank, too long or does not start with a digit (never a continuation line in this
    /// layout), or its head does not parse.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCountPlain(
        ReadOnlySpan<byte> block, int start, int end, ulong specials, bool marked, ref PlainState state, ref long scope, bool[] selecting, LevelCounter levels)
    {
        if (specials != 0 || end == block.Length)
        {
            return false;
        }

        // A CRLF line keeps its return here: only the head is read, which the return cannot change, and a line one byte too
        // long with it is left to the other loop, which tells.
        var text = block[start..end];
        if (text.IsEmpty || text.Length > state.MaxLine || !char.IsAsciiDigit((char)text[0]))
        {
            return false;
        }

        // A line of the minute before in two vector compares; else read as any line's head, and its minute, when it starts
        // one, compared from then on.
        long lineTicks;
        ReadOnlySpan<byte> token;
        var oneCompare = Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian;
        if (!oneCompare || !state.Minute.Valid || !IsoBracketFormat.TryReadMinuteHead(text, state.Head, state.Minute.Ticks, out lineTicks, out token))
        {
            // The minute read is kept even where the rest of the head does not parse (TimestampParser keeps it once its minute
            // is read): the head compared from then on must be that minute's, or a line of the minute before would be read
            // with this one's time.
            var before = state.Minute.Head;
            var parsed = IsoBracketFormat.TryParseHead(text, ref state.Minute, ref state.Fields, out _);
            if (oneCompare && state.Minute.Head != before)
            {
                (state.Head, state.Inside) = (IsoBracketFormat.MinuteHead(state.Minute), Inside(state.Minute.Ticks, state.FromTicks, state.ToTicks));
                (_plainMinuteHead, _plainHead, _plainInside) = (state.Minute.Head, state.Head, state.Inside);
            }

            if (!parsed)
            {
                return false;
            }

            lineTicks = state.Fields.UtcTicks;
            token = state.Fields.Level;
        }

        if (lineTicks >= state.FromTicks && lineTicks < state.ToTicks)
        {
            var level = levels.Find(token);
            if (selecting[(int)level.Kind] || !state.MarksTell || marked)
            {
                return false;
            }

            scope++;
            level.Told++;
        }

        return true;
    }

    /// <summary>
    /// What <see cref="CountPlainLines"/> knows of the minute it read last, kept from one line to the next, with the call's
    /// settings that <see cref="TryCountPlain"/> reads, and the fields a head parsed whole leaves.
    /// </summary>
    private ref struct PlainState
    {
        /// <summary>The minute read last: its head's bytes and its time.</summary>
        public IsoMinuteCache Minute;

        /// <summary>The minute's head as <see cref="IsoBracketFormat.IsMinuteLine"/> compares it.</summary>
        public Vector256<byte> Head;

        /// <summary>Whether the window holds the minute whole.</summary>
        public bool Inside;

        /// <summary>What a head parsed whole leaves (only its time and level are read).</summary>
        public LineFields Fields;

        /// <summary>The window's start (UTC ticks).</summary>
        public long FromTicks;

        /// <summary>The window's end (UTC ticks, excluded).</summary>
        public long ToTicks;

        /// <summary>Whether an unmarked line holds no keyword (see <see cref="CountPlainLines"/>).</summary>
        public bool MarksTell;

        /// <summary>The longest line read whole (<see cref="LogScanOptions.MaxLineLength"/>).</summary>
        public int MaxLine;
    }

    /// <summary>Whether every time of the minute starting at <paramref name="minuteTicks"/> is inside the window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Inside(long minuteTicks, long fromTicks, long toTicks) =>
        minuteTicks >= fromTicks && minuteTicks < toTicks && toTicks - minuteTicks >= TimeSpan.TicksPerMinute;
}
