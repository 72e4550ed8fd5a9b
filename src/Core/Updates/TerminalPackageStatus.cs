namespace PosFleet.Updates;

/// <summary>What the back office knows of one terminal's package: the version it runs, its last answer, the version it declined.</summary>
public sealed record TerminalPackageStatus
{
    /// <summary>The terminal's organization.</summary>
    public required string Organization { get; init; }

    /// <summary>The terminal.</summary>
    public required string TerminalId { get; init; }

    /// <summary>The package.</summary>
    public required string PackageId { get; init; }

    /// <summary>The version the terminal reported running, or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? InstalledVersion { get; init; }

    /// <summary>Its last answer and outcome, or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public PackageResult? LastResult { get; init; }

    /// <summary>The newest version it declined (not offered again until a newer one is the target), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? DeclinedVersion { get; init; }

    /// <summary>When the back office received the report that last changed this state.</summary>
    public DateTimeOffset ReportedAt { get; init; }
}
