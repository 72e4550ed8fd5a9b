using System.Globalization;

namespace PosFleet.Actions.BuiltIn;

/// <summary>The instant at the start of a log line (<c>2026-11-30T09:15:02.123Z</c>, <c>2026-11-30 09:15:02,123 +01:00</c> …); a line without one continues the entry before it.</summary>
internal static class LogLineTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ss,FFFFFFFK", "yyyy-MM-dd HH:mm:ss,FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF zzz", "yyyy-MM-dd HH:mm:ss,FFFFFFF zzz",
    ];

    public static bool TryRead(string line, out DateTimeOffset at)
    {
        at = default;
        if (line.Length < 19 || line[4] != '-' || line[7] != '-' || (line[10] != 'T' && line[10] != ' ') || line[13] != ':' || line[16] != ':')
        {
            return false;
        }

        // The timestamp ends at the first space after the seconds, or after an offset that follows one ("… +01:00").
        var end = 19;
        while (end < line.Length && line[end] != ' ' && end < 40)
        {
            end++;
        }

        if (end + 6 < line.Length && line[end] == ' ' && (line[end + 1] == '+' || line[end + 1] == '-') && line[end + 4] == ':')
        {
            end += 7;
        }

        return DateTimeOffset.TryParseExact(line.AsSpan(0, end), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out at);
    }
}
