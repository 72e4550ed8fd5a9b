using System.IO.Compression;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Reads activity logs (files, rotated <c>.gz</c> files, directories, standard input) and turns them into classified,
/// grouped, counted entries. A large file is memory-mapped, split at line boundaries and scanned on every core; the
/// partial results merge into exactly what a single-core scan gives.
/// </summary>
public sealed class LogScanner
{
    private readonly LogScanOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly LogClassifier _classifier;

    /// <summary>Creates a scanner; the classification rules (and their file) are read and checked here.</summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock, for the default year of timestamps that carry none.</param>
    public LogScanner(LogScanOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        LogScanOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _classifier = new LogClassifier(ClassificationRuleSet.Resolve(options.Classification));
    }

    /// <summary>The rules in the order they are evaluated.</summary>
    public IReadOnlyList<ClassificationRule> Rules => _classifier.Rules;

    internal LogScanOptions Options => _options;

    internal LogClassifier Classifier => _classifier;

    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>Scans <paramref name="inputs"/> (file paths, directory paths, or <c>-</c> for standard input).</summary>
    /// <param name="inputs">What to read.</param>
    /// <param name="filter">What to count and select; <see langword="null"/> for everything and the four kinds.</param>
    /// <param name="progress">Receives bytes read as the scan goes.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>What the scan found.</returns>
    public Task<LogScanSummary> ScanAsync(
        IReadOnlyList<string> inputs, LogScanFilter? filter = null, IProgress<LogScanProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(inputs, filter ?? new LogScanFilter(), progress, onEntry: null, emitAll: false, cancellationToken);

    /// <summary>
    /// Scans <paramref name="inputs"/> in order on one core and hands each line to <paramref name="onEntry"/> as a
    /// <see cref="LogEntry"/>: every well-formed line in scope when <paramref name="allLines"/>, else the selected ones.
    /// </summary>
    /// <param name="inputs">What to read.</param>
    /// <param name="onEntry">Receives the entries, in input order.</param>
    /// <param name="allLines">Whether every line in scope is handed over, or only the selected ones.</param>
    /// <param name="filter">What to count and select.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>What the scan found.</returns>
    public Task<LogScanSummary> ReadEntriesAsync(
        IReadOnlyList<string> inputs, Action<LogEntry> onEntry, bool allLines = true, LogScanFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEntry);
        return RunAsync(inputs, filter ?? new LogScanFilter(), progress: null, onEntry, allLines, cancellationToken);
    }

    private async Task<LogScanSummary> RunAsync(
        IReadOnlyList<string> inputs, LogScanFilter filter, IProgress<LogScanProgress>? progress, Action<LogEntry>? onEntry, bool emitAll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var plan = new ScanPlan(_options, _classifier, filter, _timeProvider.GetUtcNow().Year, onEntry, emitAll);
        var run = new ScanRun(plan, progress);
        var sources = ScanInputs.Resolve(inputs, _options.DirectoryGlob, run.Errors);
        run.BytesTotal = sources.Sum(s => s.Length);
        for (var i = 0; i < sources.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await run.ScanSourceAsync(i, sources[i], cancellationToken).ConfigureAwait(false);
        }

        return run.ToSummary(sources);
    }
}
