using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Unicode;
using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <content>
/// Lines that are not entries of the file's layout: untimed entries (no timestamp at all), and continuation lines (stack
/// frames, <c>Caused by:</c>) that belong to the entry above.
/// </content>
internal sealed partial class BlockScanner
{
    /// <summary>
    /// The last timed entry of the block scanned before (its input and number): the time an untimed entry handed over
    /// takes. Kept only where entries are handed over; a scan that hands none over does not read it.
    /// </summary>
    private (int Source, int Block, long Ticks, short Offset) _above = (-1, -1, 0, 0);

    /// <summary>
    /// The time of the timed entry above a block's first line: the last one of the block before, when this scanner read it
    /// (one worker reading an input in order, as for entries handed over), otherwise the input's modification time.
    /// </summary>
    private (long Ticks, short Offset) EntryAboveTime(int source, int blockIndex, long modifiedTicks) =>
        _above.Source == source && _above.Block == blockIndex - 1 ? (_above.Ticks, _above.Offset) : (modifiedTicks, (short)0);

    /// <summary>
    /// Counts a continuation line; one too long or holding a NUL or invalid UTF-8 is counted as over-long or malformed as
    /// any line is (and not added to the entry's message), wherever the blocks were cut.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CountContinuation(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> text, bool special, int source, int blockIndex, long line)
    {
        if (text.Length > _plan.Options.MaxLineLength)
        {
            OverLong(source, blockIndex, line);
        }
        else if (special && raw.Contains((byte)0))
        {
            _flagged = false;
            Malformed(source, blockIndex, line, MalformedReason.NulBytes);
        }
        else if (special && !Utf8.IsValid(text))
        {
            _flagged = false;
            Malformed(source, blockIndex, line, MalformedReason.InvalidUtf8);
        }
        else
        {
            _aggregate.Continuation++;
        }
    }

    private static bool StartsWithDate(ReadOnlySpan<byte> s) =>
        s.Length >= 10 && s[4] is (byte)'-' or (byte)'/' or (byte)'.' && s[7] == s[4] && TimestampParser.TryDigits4(s, 0, out _)
            && TimestampParser.TryDigits2(s, 5, out _) && TimestampParser.TryDigits2(s, 8, out _);

    /// <summary>
    /// Where the last entry of <paramref name="data"/> (whole lines) starts: the start of its last line that is not a
    /// continuation line (a blank line ends an entry, but in an event block), or 0. A reader that cuts its input there
    /// never splits an entry between two blocks.
    /// </summary>
    public static int LastEntryStart(ReadOnlySpan<byte> data, ContinuationRule rule)
    {
        var end = data.Length;
        while (end > 0)
        {
            var start = data[..(end - 1)].LastIndexOf((byte)'\n') + 1;
            var text = data[start..(end - 1)];
            if (!text.IsEmpty && text[^1] == '\r')
            {
                text = text[..^1];
            }

            if (text.IsEmpty ? rule != ContinuationRule.EventBlocks : !ContinuationLine.Is(text, rule))
            {
                return start;
            }

            end = start;
        }

        return 0;
    }

    /// <summary>
    /// A line without a level followed by java.util.logging's level line (<c>SEVERE: message</c>, a continuation line):
    /// the entry takes that level and message; its own text (the logger and method) is its component.
    /// </summary>
    private void ReadJavaLevelLine(ReadOnlySpan<byte> block, int lineEnd, ref LineFields fields)
    {
        var next = block[(lineEnd + 1)..];
        var length = ContinuationLine.JavaLevelLength(next);
        if (length == 0)
        {
            return;
        }

        var nl = next.IndexOf((byte)'\n');
        var text = nl < 0 ? next : next[..nl];
        if (!text.IsEmpty && text[^1] == '\r')
        {
            text = text[..^1];
        }

        if (text.Length > _plan.Options.MaxLineLength || text.Contains((byte)0))
        {
            // Counted over-long or malformed where it is (CountContinuation); the entry keeps its own text.
            return;
        }

        if (fields.Component.IsEmpty)
        {
            fields.Component = fields.Message;
        }

        fields.Level = text[..length];
        fields.Message = text[Math.Min(text.Length, length + 2)..];
    }

    /// <summary>
    /// The message of the entry whose message line ends at <paramref name="lineEnd"/>, run on through the continuation
    /// lines that follow it in the block (newlines kept), no longer than the longest line allowed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<byte> WithContinuation(ReadOnlySpan<byte> block, ReadOnlySpan<byte> message, int lineEnd, ContinuationRule rule)
    {
        var next = lineEnd + 1;
        if (next >= block.Length || !ContinuationLine.Continues(block[next..], rule) || message.IsEmpty)
        {
            return message;
        }

        // Only a message that is a slice of the block can be run on (JSON's may be unescaped into the scratch buffer).
        var offset = (nint)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(block), ref MemoryMarshal.GetReference(message));
        if (offset < 0 || offset + message.Length > block.Length)
        {
            return message;
        }

        var start = (int)offset;
        var stop = start + message.Length;
        var limit = start + _plan.Options.MaxLineLength;
        while (next < block.Length)
        {
            var nl = block[next..].IndexOf((byte)'\n');
            var end = nl < 0 ? block.Length : next + nl;
            var text = block[next..end];
            if (!text.IsEmpty && text[^1] == '\r')
            {
                text = text[..^1];
            }

            if (text.IsEmpty && rule == ContinuationRule.EventBlocks)
            {
                // A blank line inside a description: kept when more of it follows.
                next = end + 1;
                continue;
            }

            if (text.IsEmpty || !ContinuationLine.Is(text, rule) || next + text.Length > limit || text.Contains((byte)0) || !Utf8.IsValid(text))
            {
                break;
            }

            stop = next + text.Length;
            next = end + 1;
        }

        return block[start..stop];
    }

    /// <summary>
    /// A line its format could not read: read by the generic reader, with the timestamp it finds (a line in another
    /// layout) or untimed. An untimed entry is in scope when no time window is given; a garbled timestamp is malformed.
    /// </summary>
    /// <returns>Whether the line is an entry in scope.</returns>
    private bool ReadOtherwise(ReadOnlySpan<byte> text, LogFormat format, ref LineFields fields, bool windowed, int source, int blockIndex, long line)
    {
        if (fields.Timestamp == TimestampStatus.Garbled)
        {
            Malformed(source, blockIndex, line, MalformedReason.GarbledTimestamp);
            return false;
        }

        if (format is JsonLinesFormat && text[0] == '{')
        {
            // A JSON object its reader refused (an escape that cannot be unescaped): broken, not untimed text.
            Malformed(source, blockIndex, line, MalformedReason.MissingTimestamp);
            return false;
        }

        if (format is WindowsEventFormat && WindowsEventFormat.IsHeaderRow(text))
        {
            // The export's column names: neither an entry nor untimed text.
            return false;
        }

        fields.Reset();
        LogFormats.Generic.TryParse(text, default, ref fields);
        if (fields.Timestamp == TimestampStatus.Parsed)
        {
            return fields.UtcTicks >= _plan.FromTicks && fields.UtcTicks < _plan.ToTicks;
        }

        if (StartsWithDate(text))
        {
            // "2026-13-45T99:00:00Z …", an offset of +99 hours: a timestamp is there, and wrong.
            Malformed(source, blockIndex, line, MalformedReason.GarbledTimestamp);
            return false;
        }

        _aggregate.Untimed++;
        return !windowed;
    }
}
