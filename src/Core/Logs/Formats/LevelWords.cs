using System.Runtime.CompilerServices;

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

    /// <summary>
    /// Levels that are everyday words too (java.util.logging's FINE, FINER, FINEST and CONFIG, PostgreSQL's PANIC,
    /// Android's ASSERT): level words only in capitals, as the libraries write them, so that "config reloaded" near the
    /// start of a plain line is not taken for a level.
    /// </summary>
    private static readonly HashSet<string> CapitalWords = new(StringComparer.Ordinal)
    {
        "FINEST", "FINER", "FINE", "CONFIG", "PANIC", "ASSERT",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CapitalLookup = CapitalWords.GetAlternateLookup<ReadOnlySpan<char>>();

    // Per line of the layouts that have a level field (log4j, NLog, Serilog's text, plain, generic): compiled optimized on
    // its first call (on the warm-up's thread in a command-line scan), not run unoptimized while tiering catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsLevelWord(ReadOnlySpan<byte> word)
    {
        if (word.Length is < 2 or > 11)
        {
            return false;
        }

        var buffer = default(LevelChars);
        Span<char> chars = buffer;
        for (var i = 0; i < word.Length; i++)
        {
            chars[i] = (char)word[i];
        }

        return Lookup.Contains(chars[..word.Length]) || CapitalLookup.Contains(chars[..word.Length]);
    }
}
