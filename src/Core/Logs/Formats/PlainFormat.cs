using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Formats;

/// <summary>
/// The fallback: any line, with an ISO-8601 timestamp when it starts with one and the first level word found near
/// its start. Used when no format of the catalog fits a file.
/// </summary>
internal sealed class PlainFormat() : LogFormat("plain")
{
    private const int LevelSearchWindow = 96;

    public override string Description => "Any text: a leading ISO-8601 timestamp when present, the first level word (ERROR, WARN, INFO …) near the start";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var n = TimestampParser.TryParseIso(line, out fields.UtcTicks, out fields.OffsetMinutes);
        if (n > 0)
        {
            fields.Timestamp = TimestampStatus.Parsed;
        }

        var rest = line[n..];
        var window = rest[..Math.Min(rest.Length, LevelSearchWindow)];
        var i = 0;
        while (i < window.Length)
        {
            // Whole words only (letters, digits, '_' and '-' join a word): 'libgpg-error-dev' holds no level word.
            while (i < window.Length && !WholeWord.IsWordByte(window[i]))
            {
                i++;
            }

            var start = i;
            while (i < window.Length && WholeWord.IsWordByte(window[i]))
            {
                i++;
            }

            if (i == window.Length && i < rest.Length && WholeWord.IsWordByte(rest[i]))
            {
                // A word cut by the window's end is not known whole.
                break;
            }

            if (i > start && LevelWords.IsLevelWord(window[start..i]))
            {
                fields.Level = window[start..i];
                var after = rest[i..];
                if (after.Length > 0 && (after[0] == ']' || after[0] == ':' || after[0] == '|'))
                {
                    after = after[1..];
                }

                MessageTail.Parse(after, ref fields);
                return true;
            }
        }

        fields.Message = MessageTail.Trim(rest);
        return true;
    }
}
