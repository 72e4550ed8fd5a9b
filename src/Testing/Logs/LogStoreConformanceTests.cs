using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <summary>
/// The behaviour every <see cref="ILogStore"/> must have. A connector's test project derives from this class and
/// implements <see cref="CreateStoreAsync"/>; each test gets a new, empty store.
/// </summary>
public abstract partial class LogStoreConformanceTests
{
    /// <summary>The instant the test entries are written around: 2026-11-20 12:00 UTC.</summary>
    protected static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private const string Source = "/var/log/pos/till.log";

    /// <summary>Makes a new, empty store for one test.</summary>
    /// <returns>The store.</returns>
    protected abstract ValueTask<ILogStore> CreateStoreAsync();

    /// <summary>An entry at a position, written at an instant, of one source.</summary>
    /// <param name="line">The line number.</param>
    /// <param name="at">When it was written (default: noon plus the line number in seconds).</param>
    /// <returns>The entry.</returns>
    protected static LogEntry Entry(long line, DateTimeOffset? at = null) => new()
    {
        Timestamp = at ?? Noon.AddSeconds(line),
        Terminal = "POS-0001",
        Organization = "ACME",
        Level = "INFO",
        Message = $"line {line} done",
        Template = "line <*> done",
        TemplateId = 1,
        Position = new LogPosition(Source, line),
    };

    private static long[] L(params long[] lines) => lines;

    /// <summary>A terminal group as a comparable row: terminal, organization, count, latest entry, and counts per kind.</summary>
    private static (string Terminal, string? Organization, long Count, DateTimeOffset LastSeen, string Kinds) Row(LogTerminalGroup g) =>
        (g.Terminal, g.Organization, g.Count, g.LastSeen, string.Join(",", g.Kinds.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}")));

    private static IngestCheckpoint Checkpoint(long line, long generation = 0) => new(Source, line * 100, line, 42, null, generation);

    private static LogBatch Batch(long first, long last, long generation = 0) =>
        new([.. Enumerable.Range((int)first, (int)(last - first + 1)).Select(i => Entry(i))], Checkpoint(last, generation));

    private static async Task<List<LogEntry>> AllAsync(ILogStore store) =>
        [.. (await store.QueryAsync(new LogQuery { Limit = 10_000 }, CancellationToken.None)).Entries];

    private static List<LogEntry> Fleet()
    {
        LogEntry E(long line, int hour, string terminal, string org, LogKind kind, LogSeverity severity, string message, ulong templateId, string template, string? reference = null) => new()
        {
            Timestamp = Noon.AddHours(hour),
            Terminal = terminal,
            Organization = org,
            Level = severity.ToString().ToUpperInvariant(),
            Kind = kind,
            Severity = severity,
            Message = message,
            Reference = reference,
            TemplateId = templateId,
            Template = template,
            Rule = templateId == 11 ? "disk-full" : null,
            Hint = templateId == 11 ? "Free disk space on the terminal." : null,
            KnowledgeBaseUrl = templateId == 11 ? new Uri("https://kb.example.com/disk-full") : null,
            Origin = templateId == 11 ? "fiscal printer" : null,
            Position = new LogPosition(Source, line),
        };

        return
        [
            E(1, 0, "POS-0027", "ACME", LogKind.Error, LogSeverity.Error, "could not save ticket : disk error 5", 11, "could not save ticket : disk error <*>"),
            E(2, 1, "POS-0027", "ACME", LogKind.None, LogSeverity.Success, "ticket closed ref=T-2", 12, "ticket closed ref=<*>", "T-2"),
            E(3, 2, "POS-0028", "ACME", LogKind.Offline, LogSeverity.Alert, "no internet connection", 13, "no internet connection"),
            E(4, 3, "POS-0028", "ACME", LogKind.Error, LogSeverity.Error, "could not save ticket : disk error 7", 11, "could not save ticket : disk error <*>"),
            E(5, 4, "POS-0029", "BETA", LogKind.Retry, LogSeverity.Alert, "retrying upload (attempt 2)", 14, "retrying upload (attempt <*>)"),
            new LogEntry { Timestamp = Noon.AddHours(5), Organization = "BETA", Message = "nightly export done", Template = "nightly export done", TemplateId = 15, Position = new LogPosition(Source, 6) },
        ];
    }
}
