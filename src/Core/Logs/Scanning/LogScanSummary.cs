namespace PosFleet.Logs.Scanning;

/// <summary>What a scan found.</summary>
public sealed record LogScanSummary
{
    /// <summary>Lines read, well-formed or not.</summary>
    public long Lines { get; init; }

    /// <summary>Bytes read.</summary>
    public long Bytes { get; init; }

    /// <summary>Well-formed lines inside the time window and the terminal / organization filter.</summary>
    public long LinesInScope { get; init; }

    /// <summary>Lines of the selected kinds (and reference / text), grouped into <see cref="Templates"/>.</summary>
    public long SelectedLines { get; init; }

    /// <summary>Lines in scope per kind (<see cref="LogKind.None"/> included).</summary>
    public required IReadOnlyDictionary<LogKind, long> Kinds { get; init; }

    /// <summary>Lines in scope per severity.</summary>
    public required IReadOnlyDictionary<LogSeverity, long> Severities { get; init; }

    /// <summary>Lines in scope per level token, as written: enumerated most frequent first, then by token (ordinal).</summary>
    public required IReadOnlyDictionary<string, long> Levels { get; init; }

    /// <summary>The selected lines grouped by message template, most frequent first.</summary>
    public required IReadOnlyList<LogTemplateGroup> Templates { get; init; }

    /// <summary>
    /// The selected lines per terminal, most first: the busiest, at most <see cref="LogScanOptions.MaxTerminals"/>
    /// (<see cref="TerminalCount"/> says how many there are).
    /// </summary>
    public required IReadOnlyList<LogTerminalGroup> Terminals { get; init; }

    /// <summary>How many distinct terminals wrote selected lines (the lines naming none count as one).</summary>
    public long TerminalCount { get; init; }

    /// <summary>
    /// Whether <see cref="TerminalCount"/> is an estimate (HyperLogLog, within about 1 %): it is exact up to 65,536
    /// distinct terminals.
    /// </summary>
    public bool TerminalCountIsEstimate { get; init; }

    /// <summary>
    /// 0 when the counts of <see cref="Terminals"/> are exact (up to twice <see cref="LogScanOptions.MaxTerminals"/>
    /// distinct terminals); else the most lines a listed terminal may have beyond its count (counts are then lower
    /// bounds), and the most lines a terminal left out of the list may have.
    /// </summary>
    public long TerminalCountsMaxError { get; init; }

    /// <summary>Lines that could not be read as log entries (all kinds of malformation together).</summary>
    public long MalformedLines { get; init; }

    /// <summary>The first malformed lines, with their position and what was wrong.</summary>
    public required IReadOnlyList<MalformedLine> FirstMalformed { get; init; }

    /// <summary>
    /// Lines longer than <see cref="LogScanOptions.MaxLineLength"/>: skipped whole (never truncated into an entry, never
    /// stored or emitted), and not counted in <see cref="MalformedLines"/>.
    /// </summary>
    /// <value>The default value is 0.</value>
    public long OverLongLines { get; init; }

    /// <summary>
    /// Lines without a timestamp read as entries all the same ("untimed"): classified and grouped like the others, in
    /// scope when no time window is given, never counted in <see cref="MalformedLines"/>.
    /// </summary>
    /// <value>The default value is 0.</value>
    public long UntimedLines { get; init; }

    /// <summary>
    /// Continuation lines (stack frames, <c>Caused by:</c>, indented lines after an entry in a timestamped layout): part of
    /// the entry above (its message, not its template), neither entries of their own nor malformed.
    /// </summary>
    /// <value>The default value is 0.</value>
    public long ContinuationLines { get; init; }

    /// <summary>Where the first over-long lines are (as many as malformed lines are reported).</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<LogPosition> FirstOverLong { get; init; } = [];

    /// <summary>Each input that was read, with the format it was read in.</summary>
    public required IReadOnlyList<ScannedSource> Sources { get; init; }

    /// <summary>Inputs that could not be read; the others were still scanned.</summary>
    public required IReadOnlyList<SourceError> Errors { get; init; }

    /// <summary>Files and directories found in the inputs and not read (symlink loops, files already read under another path, FIFOs), with why.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<SkippedSource> Skipped { get; init; } = [];

    /// <summary>
    /// Per rule name, the lines on which the rule's pattern ran past <c>LogClassificationOptions.PatternTimeout</c>: those
    /// lines were not matched by that rule (they may have matched a later one). Empty when none did, as it should be.
    /// </summary>
    public IReadOnlyDictionary<string, long> PatternTimeouts { get; init; } = new Dictionary<string, long>();
}
