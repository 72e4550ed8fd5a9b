namespace PosFleet.Status;

/// <summary>
/// The health rule, for stores that judge in code (the in-memory store; a SQL store writes the same rule in its query):
/// red when the last exchange failed, else grey when silent past the interval × factor, else yellow when behind the
/// organization's target version, else green.
/// </summary>
internal static class TerminalHealthJudge
{
    public static TerminalHealth Judge(TerminalStatus status, TerminalHealthRules rules, IReadOnlyDictionary<string, string?> targetKeys)
    {
        if (status.LastSyncError is not null)
        {
            return TerminalHealth.Red;
        }

        if (status.ReceivedAt.UtcTicks + SilenceTicks(status, rules) < rules.Now.UtcTicks)
        {
            return TerminalHealth.Grey;
        }

        return targetKeys.TryGetValue(status.Organization, out var target) && VersionKey.IsBehind(VersionKey.From(status.ApplicationVersion), target)
            ? TerminalHealth.Yellow
            : TerminalHealth.Green;
    }

    /// <summary>How long a terminal may stay silent, in ticks: its interval × the factor, truncated as SQL's CAST does.</summary>
    public static long SilenceTicks(TerminalStatus status, TerminalHealthRules rules) =>
        (long)((status.SyncInterval ?? rules.DefaultSyncInterval).Ticks * rules.SilenceFactor);

    public static Dictionary<string, string?> TargetKeys(TerminalHealthRules rules) =>
        rules.TargetVersions.ToDictionary(p => p.Key, p => VersionKey.From(p.Value), StringComparer.Ordinal);

    /// <summary>Lower-cases ASCII letters only, as SQLite's <c>lower()</c> does, so every store matches text alike.</summary>
    public static string AsciiLower(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
        }
    });
}
