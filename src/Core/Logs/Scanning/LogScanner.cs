using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>The scanner: each input resolved, then scanned (memory-mapped and parallel when large), results merged.</summary>
internal sealed partial class LogScanner(LogParsing parsing, ILogger<LogScanner>? logger = null) : ILogScanner
{
    // A container without logging (a tool, a test) still scans; a host's logging receives the warnings.
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public IReadOnlyList<ClassificationRule> Rules => parsing.Classifier.Rules;

    private async Task<LogScanSummary> ScanUnmeasuredAsync(LogScanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request.Inputs);
        ArgumentNullException.ThrowIfNull(request.Filter);
        var plan = new ScanPlan(parsing.Options, parsing.Classifier, request.Filter, parsing.DefaultYear, request.OnEntry, emitAll: !request.SelectedEntriesOnly, parsing.Formats);
        var run = new ScanRun(plan, request.Progress);
        var sources = ScanInputs.Resolve(request.Inputs, parsing.Options.DirectoryGlob, run.Errors, run.Skipped);
        run.BytesTotal = sources.Sum(s => s.Length);
        for (var i = 0; i < sources.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await run.ScanSourceAsync(i, sources[i], cancellationToken).ConfigureAwait(false);
        }

        var summary = run.ToSummary(sources);
        foreach (var (rule, lines) in summary.PatternTimeouts)
        {
            Log.PatternTimedOut(_logger, rule, lines, parsing.Classifier.PatternTimeout);
        }

        return summary;
    }
}
