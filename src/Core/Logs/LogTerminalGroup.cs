namespace PosFleet.Logs;

/// <summary>
/// The entries of one terminal: what a scan finds in files (<c>LogScanSummary.Terminals</c>) and what a store groups
/// (<c>ILogStore.GroupByTerminalAsync</c>, the dashboard's "terminals with the most errors").
/// </summary>
public sealed record LogTerminalGroup
{
    /// <summary>The terminal (empty in a scan for the lines that named none).</summary>
    public required string Terminal { get; init; }

    /// <summary>Its organization, as its latest entry named it, when one did.</summary>
    public string? Organization { get; init; }

    /// <summary>How many entries.</summary>
    public long Count { get; init; }

    /// <summary>Its entries per kind; kinds it has none of are left out.</summary>
    public required IReadOnlyDictionary<LogKind, long> Kinds { get; init; }

    /// <summary>Its latest entry's timestamp.</summary>
    public DateTimeOffset LastSeen { get; init; }
}
