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

    /// <summary>Lines in scope per level token, as written.</summary>
    public required IReadOnlyDictionary<string, long> Levels { get; init; }

    /// <summary>The selected lines grouped by message template, most frequent first.</summary>
    public required IReadOnlyList<TemplateSummary> Templates { get; init; }

    /// <summary>The selected lines per terminal, most first.</summary>
    public required IReadOnlyList<TerminalSummary> Terminals { get; init; }

    /// <summary>Lines that could not be read as log entries (all kinds of malformation together).</summary>
    public long MalformedLines { get; init; }

    /// <summary>The first malformed lines, with their position and what was wrong.</summary>
    public required IReadOnlyList<MalformedLine> FirstMalformed { get; init; }

    /// <summary>Each input that was read, with the format it was read in.</summary>
    public required IReadOnlyList<ScannedSource> Sources { get; init; }

    /// <summary>Inputs that could not be read; the others were still scanned.</summary>
    public required IReadOnlyList<SourceError> Errors { get; init; }
}

/// <summary>The selected lines that share one message template.</summary>
public sealed record TemplateSummary
{
    /// <summary>The stable template id.</summary>
    public ulong Id { get; init; }

    /// <summary>The template, variable parts folded into <c>&lt;*&gt;</c>.</summary>
    public required string Template { get; init; }

    /// <summary>The kind of its first line.</summary>
    public LogKind Kind { get; init; }

    /// <summary>The highest severity among its lines.</summary>
    public LogSeverity Severity { get; init; }

    /// <summary>How many lines.</summary>
    public long Count { get; init; }

    /// <summary>The earliest timestamp.</summary>
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>The latest timestamp.</summary>
    public DateTimeOffset LastSeen { get; init; }

    /// <summary>The first line with this template, as written.</summary>
    public required string Example { get; init; }

    /// <summary>Where <see cref="Example"/> was read.</summary>
    public LogPosition ExamplePosition { get; init; }

    /// <summary>The terminals that wrote it, sorted.</summary>
    public required IReadOnlyList<string> Terminals { get; init; }

    /// <summary>The name of the rule that classified its first line, when a rule did.</summary>
    public string? Rule { get; init; }

    /// <summary>The remediation hint of that rule.</summary>
    public string? Hint { get; init; }

    /// <summary>The knowledge-base article of that rule.</summary>
    public Uri? KnowledgeBaseUrl { get; init; }
}

/// <summary>The selected lines of one terminal.</summary>
public sealed record TerminalSummary
{
    /// <summary>The terminal (empty when lines named none).</summary>
    public required string Terminal { get; init; }

    /// <summary>Its organization, as its last selected line named it.</summary>
    public string? Organization { get; init; }

    /// <summary>How many selected lines.</summary>
    public long Count { get; init; }

    /// <summary>Selected lines per kind.</summary>
    public required IReadOnlyDictionary<LogKind, long> Kinds { get; init; }

    /// <summary>The latest selected line's timestamp.</summary>
    public DateTimeOffset LastSeen { get; init; }
}

/// <summary>Why a line could not be read as a log entry.</summary>
public enum MalformedReason
{
    /// <summary>The line has no timestamp where its format puts one.</summary>
    MissingTimestamp,

    /// <summary>The timestamp could not be read (an impossible date, a garbled field).</summary>
    GarbledTimestamp,

    /// <summary>The line is longer than <see cref="LogScanOptions.MaxLineLength"/>; it was truncated.</summary>
    TooLong,

    /// <summary>The line is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The line contains NUL bytes.</summary>
    NulBytes,

    /// <summary>The input ended in the middle of the line (no final newline).</summary>
    Truncated,
}

/// <summary>A malformed line and where it is.</summary>
/// <param name="Position">Where the line is.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record MalformedLine(LogPosition Position, MalformedReason Reason);

/// <summary>An input that was read.</summary>
/// <param name="Source">The file path, or <c>-</c> for standard input.</param>
/// <param name="Format">The name of the format it was read in.</param>
/// <param name="Lines">How many lines it had.</param>
/// <param name="Bytes">How many bytes it had (uncompressed).</param>
public sealed record ScannedSource(string Source, string Format, long Lines, long Bytes);

/// <summary>An input that could not be read.</summary>
/// <param name="Source">The file path.</param>
/// <param name="Message">What went wrong, in a sentence.</param>
public sealed record SourceError(string Source, string Message);

/// <summary>How far a scan has come.</summary>
/// <param name="BytesRead">Bytes read so far.</param>
/// <param name="BytesTotal">Bytes to read in all, when known (0 for standard input and compressed files).</param>
public readonly record struct LogScanProgress(long BytesRead, long BytesTotal);
