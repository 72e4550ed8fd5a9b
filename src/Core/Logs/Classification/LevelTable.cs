using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Classification;

/// <summary>
/// What a level token alone says: ERROR/ERR/FATAL/E → Error, FAIL → Fail, OFFLINE → Offline, RETRY → Retry, WARN/W → Alert.
/// A word means the same in every layout that writes it: syslog's alert (severity 1, above crit) and logcat's A (assert,
/// above F) are errors, never the warning-class <see cref="LogSeverity.Alert"/>; notice, trace, verbose, fine, config and
/// information are plain information.
/// </summary>
internal static class LevelTable
{
    private static readonly Dictionary<string, (LogKind Kind, LogSeverity Severity)> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ERROR"] = (LogKind.Error, LogSeverity.Error),
        ["ERR"] = (LogKind.Error, LogSeverity.Error),
        ["E"] = (LogKind.Error, LogSeverity.Error),
        ["FATAL"] = (LogKind.Error, LogSeverity.Error),
        ["FTL"] = (LogKind.Error, LogSeverity.Error),
        ["F"] = (LogKind.Error, LogSeverity.Error),
        ["CRITICAL"] = (LogKind.Error, LogSeverity.Error),
        ["CRIT"] = (LogKind.Error, LogSeverity.Error),
        ["SEVERE"] = (LogKind.Error, LogSeverity.Error),
        ["EMERG"] = (LogKind.Error, LogSeverity.Error),
        ["EMERGENCY"] = (LogKind.Error, LogSeverity.Error),
        ["PANIC"] = (LogKind.Error, LogSeverity.Error),
        ["ALERT"] = (LogKind.Error, LogSeverity.Error),
        ["A"] = (LogKind.Error, LogSeverity.Error),
        ["ASSERT"] = (LogKind.Error, LogSeverity.Error),
        ["FAIL"] = (LogKind.Fail, LogSeverity.Error),
        ["FAILED"] = (LogKind.Fail, LogSeverity.Error),
        ["FAILURE"] = (LogKind.Fail, LogSeverity.Error),
        ["OFFLINE"] = (LogKind.Offline, LogSeverity.Error),
        ["RETRY"] = (LogKind.Retry, LogSeverity.Alert),
        ["WARN"] = (LogKind.None, LogSeverity.Alert),
        ["WARNING"] = (LogKind.None, LogSeverity.Alert),
        ["WRN"] = (LogKind.None, LogSeverity.Alert),
        ["W"] = (LogKind.None, LogSeverity.Alert),
    };

    private static readonly Dictionary<string, (LogKind Kind, LogSeverity Severity)>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Table.GetAlternateLookup<ReadOnlySpan<char>>();

    public static (LogKind Kind, LogSeverity Severity) Lookup8(ReadOnlySpan<byte> level)
    {
        if (level.IsEmpty || level.Length > LevelChars.Length)
        {
            return (LogKind.None, LogSeverity.Success);
        }

        var buffer = default(LevelChars);
        Span<char> chars = buffer;
        for (var i = 0; i < level.Length; i++)
        {
            chars[i] = (char)level[i];
        }

        return Lookup.TryGetValue(chars[..level.Length], out var v) ? v : (LogKind.None, LogSeverity.Success);
    }

    public static bool Matches(ReadOnlySpan<byte> token, string level) =>
        token.Length == level.Length && System.Text.Ascii.EqualsIgnoreCase(token, level);

    public static bool IsLevelWord(ReadOnlySpan<byte> token) => LevelWords.IsLevelWord(token) || Lookup8(token).Kind != LogKind.None;
}
