namespace PosFleet.Logs.Storage;

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
