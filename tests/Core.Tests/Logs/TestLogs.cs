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
}
