using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <content>
/// Lines that are not entries of the file's layout: untimed entries (no timestamp at all), and continuation lines (stack
/// frames, <c>Caused by:</c>) that belong to the entry above.
/// </content>
internal sealed partial class BlockScanner
{
    /// <summary>Whether a layout's entries start with a timestamp, so that lines without one may continue them.</summary>
    public static bool HasTimestamps(LogFormat format) =>
        format is not PlainFormat && format is not GenericFormat { Layout: null or { TimeShape: TimestampShape.None } };

    /// <inheritdoc cref="ContinuationLine.Is"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsContinuation(ReadOnlySpan<byte> line) => ContinuationLine.Is(line);

    private static bool StartsWithDate(ReadOnlySpan<byte> s) =>
        s.Length >= 10 && s[4] is (byte)'-' or (byte)'/' or (byte)'.' && s[7] == s[4] && TimestampParser.TryDigits4(s, 0, out _)
            && TimestampParser.TryDigits2(s, 5, out _) && TimestampParser.TryDigits2(s, 8, out _);

    /// <summary>
    /// Where the last entry of <paramref name="data"/> (whole lines) starts: the start of its last line that is not a
    /// continuation line, or 0. A reader that cuts its input there never splits an entry between two blocks.
    /// </summary>
    public static int LastEntryStart(ReadOnlySpan<byte> data)
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

            if (!text.IsEmpty && !IsContinuation(text))
            {
                return start;
            }

            end = start;
        }

        return 0;
    }

    /// <summary>
    /// The message of the entry whose first line ends at <paramref name="lineEnd"/>, run on through the continuation lines
    /// that follow it in the block (newlines kept), no longer than the longest line allowed.
    /// </summary>
    private ReadOnlySpan<byte> WithContinuation(ReadOnlySpan<byte> block, ReadOnlySpan<byte> message, int lineEnd)
    {
        var next = lineEnd + 1;
        if (next >= block.Length || !IsContinuation(block[next..]) || message.IsEmpty)
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

            if (text.IsEmpty || !IsContinuation(text) || next + text.Length > limit)
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
