using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <content>
/// One organization's dashboard, as the dashboard reads it, against the entries: several organizations that share
/// templates and a terminal, entries in several time zones, entries at the same instant (ties), and retention that
/// cuts an hour. A store that answers an organization from rollups must give the same groups, examples and times.
/// </content>
public abstract partial class LogStoreConformanceTests
{
    private static readonly string[] Organizations = ["ACME", "BETA", "GAMMA"];

    /// <summary>Each organization's top templates (with their example) and top terminals equal those computed from its entries, before and after retention.</summary>
    [Fact]
    public async Task GroupsByOrganization_SharedTemplatesTiesAndRetention_EqualTheEntriesGroupedDirectly()
    {
        var store = await CreateStoreAsync();
        var kept = new List<LogEntry>();
        var entries = OrganizationsFleet(Noon.AddHours(-30), 400);
        foreach (var chunk in entries.Chunk(60))
        {
            await store.AppendAsync(new LogBatch(chunk, Checkpoint(chunk[^1].Position.Line)), CancellationToken.None);
            kept.AddRange(chunk);
        }

        await AssertOrganizationsAsDirectAsync(store, kept, "after appends");

        var cutoff = Noon.AddHours(-20).AddMinutes(-25);
        await store.DeleteOlderThanAsync(cutoff, CancellationToken.None);
        kept.RemoveAll(e => e.Timestamp < cutoff);
        await AssertOrganizationsAsDirectAsync(store, kept, "after retention");
    }

    /// <summary>
    /// Entries every 4 minutes from <paramref name="start"/>, in pairs at the same instant (the second of a pair is the
    /// example when its template is listed): three organizations, a terminal (POS-0100) that writes for all of them,
    /// entries without a terminal, offsets of +01:00 and -05:00, alerts and errors of four shared templates.
    /// </summary>
    private static List<LogEntry> OrganizationsFleet(DateTimeOffset start, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var severity = (LogSeverity)(i % 3 == 0 ? 0 : (i % 5 < 2 ? 1 : 2));
            var template = severity == LogSeverity.Success ? 50UL : 51UL + (ulong)((i / 2) % 4);
            var organization = Organizations[(i / 2) % 3];
            var offset = TimeSpan.FromHours(i % 4 == 1 ? 1 : -5);
            return new LogEntry
            {
                Timestamp = (start + TimeSpan.FromMinutes(4 * (i / 2))).ToOffset(offset),
                Terminal = i % 13 == 0 ? null : i % 7 == 0 ? "POS-0100" : $"{organization}-{i % 5}",
                Organization = organization,
                Level = severity.ToString().ToUpperInvariant(),
                Severity = severity,
                Kind = severity switch
                {
                    LogSeverity.Success => LogKind.None,
                    LogSeverity.Alert => i % 2 == 0 ? LogKind.Offline : LogKind.Retry,
                    _ => i % 2 == 0 ? LogKind.Error : LogKind.Fail,
                },
                Message = $"template {template} entry {i}",
                Template = $"template {template} entry <*>",
                TemplateId = template,
                Position = new LogPosition(Source, i + 1),
            };
        }),
    ];

    private static async Task AssertOrganizationsAsDirectAsync(ILogStore store, List<LogEntry> entries, string when)
    {
        var windows = new[] { (From: Noon.AddHours(-24), To: Noon), (From: Noon.AddHours(-19).AddMinutes(-10), To: Noon.AddHours(-2).AddMinutes(30)) };
        foreach (var organization in Organizations)
        {
            foreach (var (from, to) in windows)
            {
                var inScope = entries.Where(e => e.Timestamp >= from && e.Timestamp < to && e.Organization == organization).ToList();
                var label = $"{when}, organization {organization}, {from:O} to {to:O}";
                var scope = new LogQuery { From = from, To = to, Organization = organization };
                Assert.True(inScope.Count > 0, label);

                var templates = await store.GroupByTemplateAsync(scope with { Severities = ErrorsAndAlerts }, 3, CancellationToken.None);
                Assert.Equal(DirectTemplatesWithExamples(inScope, 3), templates.Select(TemplateWithExample).ToList());

                foreach (var severities in new[] { ErrorsAndAlerts, new HashSet<LogSeverity> { LogSeverity.Error } })
                {
                    var terminals = await store.GroupByTerminalAsync(scope with { Severities = severities }, 3, CancellationToken.None);
                    Assert.Equal(DirectTerminalsWithOffsets(inScope, severities, 3), terminals.Select(TerminalWithOffset).ToList());
                    Assert.Equal(
                        inScope.Where(e => severities.Contains(e.Severity) && e.Terminal is not null).Select(e => e.Terminal).Distinct().LongCount(),
                        await store.CountTerminalsAsync(scope with { Severities = severities }, CancellationToken.None));
                }
            }
        }
    }

    private static string TemplateWithExample(LogTemplateGroup g) =>
        $"{g.TemplateId} n={g.Count} {g.Severity} first {g.FirstSeen.UtcTicks} terminals {string.Join(",", g.Terminals)} ({g.TerminalCount}) "
        + $"kind {g.Kind} last {g.LastSeen:O} example {g.Example.Position.Line} {g.Example.Timestamp:O} {g.Example.Message}";

    private static List<string> DirectTemplatesWithExamples(List<LogEntry> entries, int top) =>
    [
        .. entries
            .Where(e => e.Severity is LogSeverity.Error or LogSeverity.Alert)
            .GroupBy(e => e.TemplateId)
            .OrderByDescending(g => g.LongCount()).ThenBy(g => g.First().Template, StringComparer.Ordinal)
            .Take(top)
            .Select(g =>
            {
                // The latest entry; of two at the same instant, the one appended last.
                var latest = g.Select((e, i) => (e, i)).OrderByDescending(p => p.e.Timestamp.UtcTicks).ThenByDescending(p => p.i).First().e;
                var terminals = g.Where(e => e.Terminal is not null).Select(e => e.Terminal!).Distinct().Order(StringComparer.Ordinal).ToList();
                return $"{g.Key} n={g.LongCount()} {g.Max(e => e.Severity)} first {g.Min(e => e.Timestamp.UtcTicks)} "
                    + $"terminals {string.Join(",", terminals.Take(LogTemplateGroup.MaxTerminalsListed))} ({terminals.Count}) "
                    + $"kind {latest.Kind} last {latest.Timestamp:O} example {latest.Position.Line} {latest.Timestamp:O} {latest.Message}";
            }),
    ];

    private static string TerminalWithOffset(LogTerminalGroup g) => $"{Row(g)} at {g.LastSeen:O}";

    private static List<string> DirectTerminalsWithOffsets(List<LogEntry> entries, HashSet<LogSeverity> severities, int top) =>
    [
        .. entries
            .Where(e => severities.Contains(e.Severity) && e.Terminal is not null)
            .GroupBy(e => e.Terminal!)
            .OrderByDescending(g => g.LongCount()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(g =>
            {
                // The generator puts no two entries of one terminal at the same instant, so the latest is one entry.
                var latest = g.MaxBy(e => e.Timestamp.UtcTicks)!;
                var kinds = string.Join(",", g.GroupBy(e => e.Kind).OrderBy(k => k.Key).Select(k => $"{k.Key}={k.LongCount()}"));
                return $"{(g.Key, latest.Organization, g.LongCount(), latest.Timestamp, kinds)} at {latest.Timestamp:O}";
            }),
    ];

    /// <summary>
    /// Paging through one organization's entries, a busy one and a quiet one, gives each entry once, newest first (of
    /// two at the same instant, the one appended last first), with and without a severity filter.
    /// </summary>
    [Theory]
    [InlineData("ACME", false)]
    [InlineData("ACME", true)]
    [InlineData("GAMMA", false)]
    public async Task QueryAsync_OneOrganizationPageByPage_ReturnsItsEntriesNewestFirst(string organization, bool errorsOnly)
    {
        var store = await CreateStoreAsync();
        var entries = OrganizationsFleet(Noon.AddHours(-30), 400)
            .Select(e => e.Organization == "GAMMA" && e.Position.Line % 5 != 0 ? e with { Organization = "ACME" } : e)
            .ToList();
        await store.AppendAsync(new LogBatch(entries, Checkpoint(entries.Count)), CancellationToken.None);
        HashSet<LogSeverity>? severities = errorsOnly ? [LogSeverity.Error] : null;
        var query = new LogQuery { Organization = organization, Severities = severities, Limit = 7 };

        var read = new List<long>();
        string? after = null;
        do
        {
            var page = await store.QueryAsync(query with { After = after }, CancellationToken.None);
            read.AddRange(page.Entries.Select(e => e.Position.Line));
            after = page.Next;
        }
        while (after is not null);

        var expected = entries
            .Select((e, i) => (e, i))
            .Where(p => p.e.Organization == organization && (severities is null || severities.Contains(p.e.Severity)))
            .OrderByDescending(p => p.e.Timestamp.UtcTicks).ThenByDescending(p => p.i)
            .Select(p => p.e.Position.Line)
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, read);
    }
}
