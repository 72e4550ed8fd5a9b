using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <content>
/// Where the block's keyword marks (<see cref="KeywordMarker"/>) stand in for a line's own search: which blocks are
/// marked, and which unmarked messages are known to hold no keyword.
/// </content>
internal sealed partial class BlockScanner
{
    /// <summary>
    /// Whether a message of an unmarked line holds no keyword: it lies in that line, and ends where the line does or before
    /// a byte that ends a word. (The search takes the message's end as a word's end; the marks looked at the byte after it,
    /// so a keyword that ends the message just before <c>-</c>, <c>_</c>, a letter or a digit carries no mark.)
    /// </summary>
    private static bool UnmarkedHoldsNone(ReadOnlySpan<byte> block, nint offset, int length, int start, int end)
    {
        var after = offset + length;
        return offset >= start && after <= end && (after >= end || !WholeWord.IsWordByte(block[(int)after]));
    }

    /// <summary>Whether the first and the last line of a block in the POS format are both inside the window.</summary>
    private static bool WindowHolds(ReadOnlySpan<byte> block, long fromTicks, long toTicks)
    {
        var body = block.TrimEnd((byte)'\n');
        var last = body[(body.LastIndexOf((byte)'\n') + 1)..];
        var minute = default(IsoMinuteCache);
        var fields = default(LineFields);
        if (!IsoBracketFormat.TryParseHead(block, ref minute, ref fields, out _) || fields.UtcTicks < fromTicks || fields.UtcTicks >= toTicks)
        {
            return false;
        }

        minute = default;
        return IsoBracketFormat.TryParseHead(last, ref minute, ref fields, out _) && fields.UtcTicks >= fromTicks && fields.UtcTicks < toTicks;
    }
}
