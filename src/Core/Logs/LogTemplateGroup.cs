namespace PosFleet.Logs;

/// <summary>
/// Entries that share one message template: what a scan finds in files (<c>LogScanSummary.Templates</c>) and what a
/// store groups (<c>ILogStore.GroupByTemplateAsync</c>, the dashboard, digests).
/// </summary>
public sealed record LogTemplateGroup
{
    /// <summary>The stable template id (<see cref="LogEntry.TemplateId"/> of its entries).</summary>
    public ulong TemplateId { get; init; }

    /// <summary>The template, variable parts folded into <c>&lt;*&gt;</c>.</summary>
    public required string Template { get; init; }

    /// <summary>The kind of <see cref="Example"/>.</summary>
    public LogKind Kind { get; init; }

    /// <summary>The highest severity among its entries.</summary>
    public LogSeverity Severity { get; init; }

    /// <summary>How many entries.</summary>
    public long Count { get; init; }

    /// <summary>The earliest entry's timestamp.</summary>
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>The latest entry's timestamp.</summary>
    public DateTimeOffset LastSeen { get; init; }

    /// <summary>
    /// An example entry, with its position: the first line read for a scan, the latest entry for a store.
    /// </summary>
    public required LogEntry Example { get; init; }

    /// <summary>
    /// Some of the terminals that wrote it, never all when they are many: a scan lists the busiest for it first (at
    /// most <c>LogScanOptions.TerminalsPerTemplate</c>), a store the first by name (at most
    /// <see cref="MaxTerminalsListed"/>). <see cref="TerminalCount"/> says how many there are.
    /// </summary>
    public required IReadOnlyList<string> Terminals { get; init; }

    /// <summary>How many distinct terminals wrote it.</summary>
    public long TerminalCount { get; init; }

    /// <summary>Whether <see cref="TerminalCount"/> is an estimate (a scan's, past 1,024 terminals: HyperLogLog, within about 2 %).</summary>
    public bool TerminalCountIsEstimate { get; init; }

    /// <summary>The most terminals a store lists in <see cref="Terminals"/>.</summary>
    public const int MaxTerminalsListed = 100;

    /// <summary>The name of the rule that classified <see cref="Example"/>, when a rule did.</summary>
    public string? Rule { get; init; }

    /// <summary>Where the error comes from, as that rule says (<c>fiscal printer</c>), when it says.</summary>
    public string? Origin { get; init; }

    /// <summary>The remediation hint of that rule.</summary>
    public string? Hint { get; init; }

    /// <summary>The knowledge-base article of that rule.</summary>
    public Uri? KnowledgeBaseUrl { get; init; }
}
