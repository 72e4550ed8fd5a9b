namespace PosFleet.Logs.Storage;

/// <summary>How far a source has been ingested: its identity, the byte offset and line reached, and a fingerprint of its first bytes (to detect rotation and truncation).</summary>
/// <param name="Source">The file path or stream name.</param>
/// <param name="Offset">The byte offset just after the last ingested line.</param>
/// <param name="Line">The number of the last ingested line.</param>
/// <param name="Fingerprint">A hash of the source's first <c>min(1024, Offset)</c> bytes, so that a file replaced by another is read from its start.</param>
/// <param name="Identity">The file's identity (device and inode on Unix), when known.</param>
/// <param name="Generation">
/// How many times the source was found rotated or truncated and read again from its start. Lines of different
/// generations are different entries even when they have the same line number.
/// </param>
public sealed record IngestCheckpoint(string Source, long Offset, long Line, ulong Fingerprint, string? Identity = null, long Generation = 0);

/// <summary>
/// A batch to append: entries of one source, in line order, and the checkpoint they reach. The source's stored
/// checkpoint makes appends idempotent: entries of its generation at or before its line are stored already and are
/// skipped, and a batch of an older generation, or behind the stored checkpoint, stores nothing and leaves the
/// checkpoint where it is.
/// </summary>
/// <param name="Entries">The entries, in line order; their <see cref="LogEntry.Position"/> names the checkpoint's source.</param>
/// <param name="Checkpoint">The source's checkpoint after these entries.</param>
public sealed record LogBatch(IReadOnlyList<LogEntry> Entries, IngestCheckpoint Checkpoint);

/// <summary>How many entries one terminal wrote in a window (the dashboard's "terminals with the most errors").</summary>
/// <param name="Terminal">The terminal.</param>
/// <param name="Organization">Its organization, when known (of its latest entry).</param>
/// <param name="Count">How many entries.</param>
/// <param name="LastSeen">Its latest entry's timestamp.</param>
public sealed record LogTerminalGroup(string Terminal, string? Organization, long Count, DateTimeOffset LastSeen);

/// <summary>What to read from a log store. Every set field narrows the result.</summary>
public sealed record LogQuery
{
    /// <summary>Entries at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only this organization.</summary>
    public string? Organization { get; init; }

    /// <summary>Only this terminal.</summary>
    public string? Terminal { get; init; }

    /// <summary>Only these kinds (null: any).</summary>
    public IReadOnlySet<LogKind>? Kinds { get; init; }

    /// <summary>Only these severities (null: any).</summary>
    public IReadOnlySet<LogSeverity>? Severities { get; init; }

    /// <summary>Only this template.</summary>
    public ulong? TemplateId { get; init; }

    /// <summary>Only entries carrying this order or ticket reference.</summary>
    public string? Reference { get; init; }

    /// <summary>Only entries whose message contains all these words, as whole words, case-insensitively (full-text).</summary>
    public string? Text { get; init; }

    /// <summary>The page size.</summary>
    /// <value>The default value is 100.</value>
    public int Limit { get; init; } = 100;

    /// <summary>The cursor returned with the previous page, or <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }
}

/// <summary>A page of entries, newest first.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="Next">The cursor of the next page, or <see langword="null"/> at the end.</param>
public sealed record LogPage(IReadOnlyList<LogEntry> Entries, string? Next);

/// <summary>How many entries of one hour had a severity and kind.</summary>
/// <param name="Hour">The start of the hour (UTC).</param>
/// <param name="Severity">The severity.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Count">How many entries.</param>
public sealed record LogCountBucket(DateTimeOffset Hour, LogSeverity Severity, LogKind Kind, long Count);

/// <summary>Entries sharing one template.</summary>
public sealed record LogTemplateGroup
{
    /// <summary>The template id.</summary>
    public ulong TemplateId { get; init; }

    /// <summary>The template.</summary>
    public required string Template { get; init; }

    /// <summary>The kind of its entries (of the most recent when they differ).</summary>
    public LogKind Kind { get; init; }

    /// <summary>The highest severity.</summary>
    public LogSeverity Severity { get; init; }

    /// <summary>How many entries.</summary>
    public long Count { get; init; }

    /// <summary>The earliest entry's timestamp.</summary>
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>The latest entry's timestamp.</summary>
    public DateTimeOffset LastSeen { get; init; }

    /// <summary>An example entry (the latest).</summary>
    public required LogEntry Example { get; init; }

    /// <summary>The terminals that wrote it, sorted.</summary>
    public required IReadOnlyList<string> Terminals { get; init; }

    /// <summary>The rule that classified it, when one did.</summary>
    public string? Rule { get; init; }

    /// <summary>The remediation hint of that rule.</summary>
    public string? Hint { get; init; }

    /// <summary>The knowledge-base article of that rule.</summary>
    public Uri? KnowledgeBaseUrl { get; init; }
}
