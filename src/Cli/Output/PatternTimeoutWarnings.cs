namespace PosFleet.Cli.Output;

/// <summary>The warning of scan and ingest for the rules whose pattern ran past its time limit: those lines were not matched by the rule.</summary>
internal static class PatternTimeoutWarnings
{
    public static void Write(IReadOnlyDictionary<string, long> timeouts, string consequence, TextWriter error)
    {
        foreach (var (rule, lines) in timeouts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            error.WriteLine($"posfleet: warning: rule '{rule}': its pattern ran past its time limit on {lines} line(s), {consequence}.");
        }
    }
}
