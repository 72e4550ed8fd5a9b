using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Logs;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs;

/// <summary>
/// The scanner and ingester as <c>AddLogs</c> makes them, built around the options, clock and store a test chooses,
/// and the short calls the tests make on them.
/// </summary>
internal static class TestLogs
{
    public static ILogScanner Scanner(LogScanOptions? options = null, TimeProvider? time = null, ILogger<LogScanner>? logger = null) =>
        new LogScanner(new LogParsing(options ?? new LogScanOptions(), time ?? TimeProvider.System), logger);

    public static ILogIngester Ingester(ILogStore store, LogScanOptions? options = null, TimeProvider? time = null, ILogger<LogIngester>? logger = null) =>
        new LogIngester(new LogParsing(options ?? new LogScanOptions(), time ?? TimeProvider.System), store, Options.Create(new LogIngestOptions()), logger);

    public static Task<LogScanSummary> ScanAsync(
        this ILogScanner scanner, IReadOnlyList<string> inputs, LogScanFilter? filter = null, IProgress<LogScanProgress>? progress = null, CancellationToken cancellationToken = default) =>
        scanner.ScanAsync(new LogScanRequest { Inputs = inputs, Filter = filter ?? new LogScanFilter(), Progress = progress }, cancellationToken);

    public static Task<LogScanSummary> ReadEntriesAsync(
        this ILogScanner scanner, IReadOnlyList<string> inputs, Action<LogEntry> onEntry, bool allLines = true, LogScanFilter? filter = null, CancellationToken cancellationToken = default) =>
        scanner.ScanAsync(new LogScanRequest { Inputs = inputs, Filter = filter ?? new LogScanFilter(), OnEntry = onEntry, SelectedEntriesOnly = !allLines }, cancellationToken);

    public static Task<LogIngestSummary> IngestAsync(
        this ILogIngester ingester, IReadOnlyList<string> paths, LogIngestOptions? options = null, IProgress<LogScanProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ingester.IngestAsync(new LogIngestRequest { Paths = paths, Options = options, Progress = progress }, cancellationToken);

    /// <summary>Everything a summary says, one line per count, template, terminal, malformed line and source: for comparing two.</summary>
    public static string Describe(LogScanSummary s)
    {
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"lines={s.Lines} bytes={s.Bytes} inScope={s.LinesInScope} selected={s.SelectedLines} malformed={s.MalformedLines} overLong={s.OverLongLines} first={string.Join(',', s.FirstOverLong)}");
        b.AppendLine(CultureInfo.InvariantCulture, $"terminals={s.TerminalCount} estimate={s.TerminalCountIsEstimate} maxError={s.TerminalCountsMaxError} untimed={s.UntimedLines} continuation={s.ContinuationLines}");
        b.AppendLine(string.Join(' ', s.Errors.Select(e => e.ToString())));
        b.AppendLine(string.Join(' ', s.Skipped.Select(e => e.ToString())));
        b.AppendLine(string.Join(' ', s.PatternTimeouts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        b.AppendLine(string.Join(' ', s.Kinds.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
        b.AppendLine(string.Join(' ', s.Severities.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
        b.AppendLine(string.Join(' ', s.Levels.Select(p => $"{p.Key}={p.Value}")));
        foreach (var t in s.Templates)
        {
            b.AppendLine(CultureInfo.InvariantCulture,
                $"template {t.TemplateId:x} '{t.Template}' {t.Kind} {t.Severity} count={t.Count} terminalCount={t.TerminalCount} estimate={t.TerminalCountIsEstimate} first={t.FirstSeen:O} last={t.LastSeen:O} example='{t.Example.Message}' at {t.Example.Position} rule={t.Rule} terminals={string.Join(',', t.Terminals)}");
        }

        foreach (var t in s.Terminals)
        {
            b.AppendLine(CultureInfo.InvariantCulture,
                $"terminal {t.Terminal} org={t.Organization} count={t.Count} last={t.LastSeen:O} {string.Join(' ', t.Kinds.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}");
        }

        foreach (var m in s.FirstMalformed)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"malformed {m.Position} {m.Reason}");
        }

        foreach (var source in s.Sources)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"source {source}");
        }

        return b.ToString();
    }
}
