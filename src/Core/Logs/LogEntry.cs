namespace PosFleet.Logs;

/// <summary>One classified activity-log line.</summary>
public sealed record LogEntry
{
    /// <summary>When the line was written, with the offset it was written in (UTC when the line had no offset).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The terminal that wrote the line, when known.</summary>
    public string? Terminal { get; init; }

    /// <summary>The organization (shop, account) the terminal belongs to, when known.</summary>
    public string? Organization { get; init; }

    /// <summary>The component (logger, module, peripheral) named on the line, when known.</summary>
    public string? Component { get; init; }

    /// <summary>The level token as written (<c>ERROR</c>, <c>ERR</c>, <c>E</c>, <c>warning</c> …), empty when the line had none.</summary>
    public string Level { get; init; } = "";

    /// <summary>What went wrong, or <see cref="LogKind.None"/>.</summary>
    public LogKind Kind { get; init; }

    /// <summary>Success, alert or error.</summary>
    public LogSeverity Severity { get; init; }

    /// <summary>The message text.</summary>
    public required string Message { get; init; }

    /// <summary>The order or ticket reference the line carries, when it carries one.</summary>
    public string? Reference { get; init; }

    /// <summary>The stable id of the message template (variable parts folded), used to group "the same error".</summary>
    public ulong TemplateId { get; init; }

    /// <summary>The message template, variable parts folded into <c>&lt;*&gt;</c>.</summary>
    public string Template { get; init; } = "";

    /// <summary>The name of the classification rule that matched, when one did.</summary>
    public string? Rule { get; init; }

    /// <summary>Where the error comes from, as <see cref="Rule"/> says (<c>fiscal printer</c>), when it says.</summary>
    public string? Origin { get; init; }

    /// <summary>What to do about it: the remediation hint of <see cref="Rule"/>.</summary>
    public string? Hint { get; init; }

    /// <summary>The knowledge-base article of <see cref="Rule"/>.</summary>
    public Uri? KnowledgeBaseUrl { get; init; }

    /// <summary>Where the line was read.</summary>
    public LogPosition Position { get; init; }
}
