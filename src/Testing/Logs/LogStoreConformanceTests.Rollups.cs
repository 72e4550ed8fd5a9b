using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <content>
/// What the dashboard reads (hourly counts, top templates, top terminals, terminal count), for the whole store and
/// for each organization, against the same figures computed directly from the entries: a store that keeps hourly
/// rollups must give the same answers after entries cross an hour boundary, arrive late into a past hour, and after
/// retention.
/// </content>
public abstract partial class LogStoreConformanceTests
{
    private const string LateSource = "/var/log/pos/late.log";

    private static readonly HashSet<LogSeverity> ErrorsAndAlerts = [LogSeverity.Error, LogSeverity.Alert];

    /// <summary>Counts and groups read as the dashboard reads them equal the entries counted one by one, at every step.</summary>
    [Fact]
    public async Task CountsAndGroups_HourBoundaryLateEntriesAndRetention_EqualTheEntriesCountedDirectly()
    {
        var store = await CreateStoreAsync();
        var kept = new List<LogEntry>();
        var early = Spread(Source, 1, 300, Noon.AddHours(-60), TimeSpan.FromMinutes(13));
        LogEntry[] boundary =
        [
            Spread(Source, 301, 1, Noon.AddTicks(-1), TimeSpan.Zero)[0] with { Organization = "ACME", Terminal = "POS-0001" },
            Spread(Source, 302, 1, Noon, TimeSpan.Zero)[0] with { Organization = "ACME", Terminal = "POS-0001" },
        ];
        foreach (var chunk in early.Concat(boundary).Chunk(50))
        {
            await store.AppendAsync(new LogBatch(chunk, Checkpoint(chunk[^1].Position.Line)), CancellationToken.None);
            kept.AddRange(chunk);
        }

        await AssertAsDirectAsync(store, kept, "after in-order appends across an hour boundary");

        // Another source's entries, hours after the first's: they land in hours whose rollups are written already.
        var late = Spread(LateSource, 1, 40, Noon.AddHours(-50).AddMinutes(7), TimeSpan.FromMinutes(71));
        await store.AppendAsync(new LogBatch(late, new IngestCheckpoint(LateSource, 4_000, 40, 7, null, 0)), CancellationToken.None);
        kept.AddRange(late);
        await AssertAsDirectAsync(store, kept, "after late entries into past hours");

        // Retention up to an instant inside an hour (and inside a day): whole hours and days go, one hour is cut.
        var cutoff = Noon.AddHours(-30).AddMinutes(-20);
        await store.DeleteOlderThanAsync(cutoff, CancellationToken.None);
        kept.RemoveAll(e => e.Timestamp < cutoff);
        await AssertAsDirectAsync(store, kept, "after retention");
    }

    /// <summary>
    /// <paramref name="count"/> entries from <paramref name="start"/>, <paramref name="step"/> apart (plus a few
    /// seconds, so that no two share an instant): three organizations (one of them none), four terminals that each
    /// write for every organization, entries without a terminal, every severity, four kinds and five templates.
    /// </summary>
    private static LogEntry[] Spread(string source, long first, int count, DateTimeOffset start, TimeSpan step) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var severity = (LogSeverity)(i % 3);
            var template = severity == LogSeverity.Success ? 40UL : 41UL + (ulong)((i * 7) % 4);
            return new LogEntry
            {
                Timestamp = start + (step * i) + TimeSpan.FromSeconds((i % 7) + (source == LateSource ? 30 : 0)),
                Terminal = i % 11 == 0 ? null : $"POS-000{i % 4}",
                Organization = (i % 5) switch { 0 or 1 => "ACME", 2 or 3 => "BETA", _ => null },
                Level = severity.ToString().ToUpperInvariant(),
                Severity = severity,
                Kind = severity switch
                {
                    LogSeverity.Success => LogKind.None,
                    LogSeverity.Alert => i % 2 == 0 ? LogKind.Offline : LogKind.Retry,
                    _ => i % 2 == 0 ? LogKind.Error : LogKind.Fail,
                },
                Message = $"message {template} {i}",
                Template = $"message {template} <*>",
                TemplateId = template,
                Position = new LogPosition(source, first + i),
            };
        }),
    ];

    private static async Task AssertAsDirectAsync(ILogStore store, List<LogEntry> entries, string when)
    {
        var whole = (From: Noon.AddHours(-43), To: Noon.AddHours(5));
        var part = (From: Noon.AddHours(-20).AddMinutes(-17), To: Noon.AddHours(2).AddMinutes(5));
        foreach (var organization in new[] { null, "ACME", "BETA" })
        {
            foreach (var (from, to) in new[] { whole, part })
            {
                var scope = new LogQuery { From = from, To = to, Organization = organization };
                var inScope = entries.Where(e => e.Timestamp >= from && e.Timestamp < to && (organization is null || e.Organization == organization)).ToList();
                var label = $"{when}, organization {organization ?? "(any)"}, {from:O} to {to:O}";

                Assert.True(inScope.Count > 0, label);
                Assert.Equal(DirectCounts(inScope), (await store.CountAsync(scope, CancellationToken.None)).ToList());

                var templates = await store.GroupByTemplateAsync(scope with { Severities = ErrorsAndAlerts }, 3, CancellationToken.None);
                Assert.Equal(DirectTemplates(inScope, 3), templates.Select(TemplateRow).ToList());

                var errors = scope with { Severities = new HashSet<LogSeverity> { LogSeverity.Error } };
                var terminals = await store.GroupByTerminalAsync(errors, 3, CancellationToken.None);
                Assert.Equal(DirectTerminals(inScope, 3), terminals.Select(Row).ToList());
                Assert.Equal(
                    inScope.Where(e => e.Severity == LogSeverity.Error && e.Terminal is not null).Select(e => e.Terminal).Distinct().LongCount(),
                    await store.CountTerminalsAsync(errors, CancellationToken.None));
            }
        }
    }

    private static List<LogCountBucket> DirectCounts(List<LogEntry> entries) =>
    [
        .. entries
            .GroupBy(e => (Hour: new DateTimeOffset(e.Timestamp.UtcTicks - (e.Timestamp.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero), e.Severity, e.Kind))
            .OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Severity).ThenBy(g => g.Key.Kind)
            .Select(g => new LogCountBucket(g.Key.Hour, g.Key.Severity, g.Key.Kind, g.LongCount())),
    ];

    private static (ulong Template, long Count, LogSeverity Severity, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string Terminals, long TerminalCount) TemplateRow(LogTemplateGroup g) =>
        (g.TemplateId, g.Count, g.Severity, g.FirstSeen, g.LastSeen, string.Join(",", g.Terminals), g.TerminalCount);

    private static List<(ulong, long, LogSeverity, DateTimeOffset, DateTimeOffset, string, long)> DirectTemplates(List<LogEntry> entries, int top) =>
    [
        .. entries
            .Where(e => e.Severity is LogSeverity.Error or LogSeverity.Alert)
            .GroupBy(e => e.TemplateId)
            .OrderByDescending(g => g.LongCount()).ThenBy(g => g.First().Template, StringComparer.Ordinal)
            .Take(top)
            .Select(g =>
            {
                var terminals = g.Where(e => e.Terminal is not null).Select(e => e.Terminal!).Distinct().Order(StringComparer.Ordinal).ToList();
                return (g.Key, g.LongCount(), g.Max(e => e.Severity), g.Min(e => e.Timestamp), g.Max(e => e.Timestamp),
                    string.Join(",", terminals.Take(LogTemplateGroup.MaxTerminalsListed)), (long)terminals.Count);
            }),
    ];

    private static List<(string, string?, long, DateTimeOffset, string)> DirectTerminals(List<LogEntry> entries, int top) =>
    [
        .. entries
            .Where(e => e.Severity == LogSeverity.Error && e.Terminal is not null)
            .GroupBy(e => e.Terminal!)
            .OrderByDescending(g => g.LongCount()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(g =>
            {
                var latest = g.MaxBy(e => e.Timestamp)!;
                var kinds = string.Join(",", g.GroupBy(e => e.Kind).OrderBy(k => k.Key).Select(k => $"{k.Key}={k.LongCount()}"));
                return (g.Key, latest.Organization, g.LongCount(), latest.Timestamp, kinds);
            }),
    ];
}
