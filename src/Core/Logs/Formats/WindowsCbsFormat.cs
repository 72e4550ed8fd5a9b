namespace PosFleet.Logs.Formats;

/// <summary>
/// The Windows component-servicing logs (CBS.log, DISM.log): <c>2016-09-28 04:30:30, Info   CBS    message</c>:
/// a timestamp and a comma, the level, the component, the message, separated by runs of blanks.
/// </summary>
internal sealed class WindowsCbsFormat() : LogFormat("cbs")
{
    private const int MaxWordLength = 16;

    public override string Description => "Windows CBS / DISM log: 2016-09-28 04:30:30, Info                  CBS    message";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        if (line.Length < 22 || line[19] != ',' || line[20] != ' ' || line[4] != '-' || line[10] != ' ')
        {
            return false;
        }

        var n = TimestampParser.TryParseIso(line[..19], out fields.UtcTicks, out fields.OffsetMinutes);
        fields.Timestamp = n == 19 ? TimestampStatus.Parsed : TimestampStatus.Garbled;
        var pos = LineReader.SkipBlanks(line, 20);
        var end = LineReader.NextBlank(line, pos);
        if (end == pos || end - pos > MaxWordLength)
        {
            return false;
        }

        fields.Level = line[pos..end];
        pos = LineReader.SkipBlanks(line, end);
        end = LineReader.NextBlank(line, pos);
        if (end - pos <= MaxWordLength && end < line.Length)
        {
            fields.Component = line[pos..end];
            pos = LineReader.SkipBlanks(line, end);
        }

        fields.Message = LineReader.TrimEnd(line[pos..]);
        return true;
    }
}
