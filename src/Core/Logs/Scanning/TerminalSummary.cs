namespace PosFleet.Logs.Scanning;

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
