namespace PosFleet.Logs.Storage;

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
