namespace PosFleet.Logs.Formats;

/// <summary>The words that are level tokens in the common logging libraries (case-insensitive).</summary>
internal static class LevelWords
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "TRACE", "VERBOSE", "VRB", "DEBUG", "DBG", "INFO", "INF", "INFORMATION", "NOTICE", "SUCCESS", "OK",
        "WARN", "WARNING", "WRN", "ALERT", "ERROR", "ERR", "FAIL", "FAILED", "FAILURE", "FATAL", "FTL", "CRITICAL",
        "CRIT", "EMERG", "EMERGENCY", "SEVERE", "OFFLINE", "RETRY",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsLevelWord(ReadOnlySpan<byte> word)
    {
        if (word.Length is < 2 or > 11)
        {
            return false;
        }

        Span<char> chars = stackalloc char[11];
        for (var i = 0; i < word.Length; i++)
        {
            chars[i] = (char)word[i];
        }

        return Lookup.Contains(chars[..word.Length]);
    }
}
