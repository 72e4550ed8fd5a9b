namespace PosFleet.Logs.Scanning;

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
