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
    internal static bool TryParseHead(ReadOnlySpan<byte> line, ref IsoMinuteCache minute, ref LineFields fields, out int tail)
    {
        tail = 0;
        var n = TimestampParser.TryParseIso(line, ref minute, out fields.UtcTicks, out fields.OffsetMinutes);
        if (n == 0)
        {
            return false;
        }

        // Fixed offsets first: with a 'Z' timestamp the level starts at 26; the search is only the fallback.
        if (n + 2 >= line.Length || line[n] != ' ' || line[n + 1] != '[')
        {
            return false;
        }

        var rest = line[(n + 2)..];
        var close = rest.Length > 5 && rest[5] == ']' ? 5 : -1;
        if (close < 0)
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
