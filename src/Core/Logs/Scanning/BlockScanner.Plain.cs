using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <content>
/// The lines of the POS format that need nothing but their timestamp and level (most lines of a POS log), counted in a
/// loop that does only that, apart from the loop that reads every kind of line.
/// </content>
internal sealed partial class BlockScanner
{
    /// <summary>
    /// Counts, from <c>batch[i]</c> on, the lines of the POS format that their timestamp and level tell whole: outside the
    /// window, or of a level whose kind is not selected and with no keyword (no mark, where <paramref name="marksTell"/>);
    /// stops at the first line that needs more (a blank or special line, one that does not start with a digit, is too
    /// long, ends the block, or whose head does not parse), which the caller reads as any other. The time of the entry
    /// above, which an untimed entry handed over borrows, is not kept: this loop runs only where no entry is handed over.
    /// </summary>
    /// <returns>How many lines it counted.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountPlain(
        ReadOnlySpan<byte> block, ReadOnlySpan<ulong> batch, int i, ref int lineStart, ref long inScope, long fromTicks, long toTicks, bool marksTell)
    {
        Debug.Assert(_plan.OnEntry is null, "The plain-lines loop hands no entry over, and keeps no time for one.");
        var (selecting, levels) = (_plan.SelectedKinds, _levels);
        var maxLine = _plan.Options.MaxLineLength;
        var minute = _minute;
        var oneCompare = Vector256.IsHardwareAccelerated;

        // The minute's head and whether the window holds it whole are kept from one call to the next (a call comes after
        // every line that the loop leaves to the other), and made again only when the minute has changed since (its ticks
        // are those of its head: TimestampParser reads them from it).
        if (oneCompare && minute.Valid && minute.Head != _plainMinuteHead)
        {
            (_plainMinuteHead, _plainHead, _plainInside) = (minute.Head, IsoBracketFormat.MinuteHead(minute), Inside(minute.Ticks, fromTicks, toTicks));
        }

        var (head, inside, limits) = (_plainHead, oneCompare && minute.Valid && _plainInside, _digitLimits);
        var fields = default(LineFields);
        ref var first = ref MemoryMarshal.GetReference(block);
        var (start, counted, scope) = (lineStart, i, inScope);
        for (; counted < batch.Length; counted++)
        {
            var entry = batch[counted];
            var end = (int)(uint)entry;
            if ((entry & LineSplitter.SpecialLine) != 0 || end == block.Length)
            {
                break;
            }

            // A CRLF line keeps its return here: only the head is read, which the return cannot change, and a line one byte too
            // long with it is left to the other loop, which tells. Its last byte, another cache line than its head, is not read.
            var text = block[start..end];

            // A line that starts with a digit is never a continuation line in this layout (ContinuationLine.Is, stack traces).
            if (text.IsEmpty || text.Length > maxLine || !char.IsAsciiDigit((char)text[0]))
            {
                break;
            }

            // Most lines are of a minute the window holds whole, and of the level of a line before: their head read in two
            // vector compares, their level in one more, and their time not at all.
            ref var line = ref Unsafe.Add(ref first, start);
            if (inside && text.Length >= 42 && IsoBracketFormat.IsMinuteLine(ref line, head, limits)
                && levels.FindClosed(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref line, 26))) is { } known
                && (known.Token.Length >= 5 || Unsafe.Add(ref line, 31) != (byte)']'))
            {
                if (selecting[(int)known.Kind] || !marksTell || (entry & LineSplitter.MarkedLine) != 0)
                {
                    break;
                }

                scope++;
                known.Told++;
                start = end + 1;
                continue;
            }

            // Else read as before: a line of the minute before in two vector compares; else as any line's head, and its
            // minute, when it starts one, compared from then on.
            long lineTicks;
            ReadOnlySpan<byte> token;
            if (!oneCompare || !minute.Valid || !IsoBracketFormat.TryReadMinuteHead(text, head, minute.Ticks, out lineTicks, out token))
            {
                var before = minute.Head;
                if (!IsoBracketFormat.TryParseHead(text, ref minute, ref fields, out _))
                {
                    break;
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
                if (selecting[(int)level.Kind] || !marksTell || (entry & LineSplitter.MarkedLine) != 0)
                {
                    break;
                }

                scope++;
                level.Told++;
            }

            start = end + 1;
        }

        (_minute, lineStart, inScope) = (minute, start, scope);
        return counted - i;
    }

    /// <summary>Whether every time of the minute starting at <paramref name="minuteTicks"/> is inside the window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Inside(long minuteTicks, long fromTicks, long toTicks) =>
        minuteTicks >= fromTicks && minuteTicks < toTicks && toTicks - minuteTicks >= TimeSpan.TicksPerMinute;
}
