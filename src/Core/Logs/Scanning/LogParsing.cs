using Microsoft.Extensions.Options;
using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// What every reader of log lines shares (the scanner and the ingest's file reader): the scan options, the classifier
/// compiled once from their rules, and the clock that gives the default year of timestamps that carry none.
/// Registered once by <c>AddLogs</c>.
/// </summary>
internal sealed class LogParsing
{
    public LogParsing(LogScanOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        LogScanOptionsValidator.ThrowIfInvalid(options);
        Options = options;
        TimeProvider = timeProvider;
        Classifier = new LogClassifier(ClassificationRuleSet.Resolve(options.Classification), options.Classification.PatternTimeout);

        // The layouts a rules file names come first: a vendor's own layout wins over a built-in one that reads as much.
        Formats = options.Classification.RulesFile is { } rules
            ? [.. ClassificationRuleSet.LoadLayouts(rules), .. options.Formats]
            : [.. options.Formats];
    }

    public LogParsing(IOptions<LogScanOptions> options, TimeProvider timeProvider)
        : this(options?.Value!, timeProvider)
    {
    }

    public LogScanOptions Options { get; }

    public LogClassifier Classifier { get; }

    /// <summary>The formats detection chooses from: the rules file's layouts, then <see cref="LogScanOptions.Formats"/>.</summary>
    public IReadOnlyList<Formats.LogFormat> Formats { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>The year given to timestamps that carry none: the current one.</summary>
    public int DefaultYear => TimeProvider.GetUtcNow().Year;
}
