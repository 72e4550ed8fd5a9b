namespace PosFleet.Sync.Configurations;

/// <summary>Desired versus reported, as device twins show it: the configuration the back office wants a terminal to run and the one it runs.</summary>
public sealed record TerminalConfigurationState
{
    /// <summary>The terminal.</summary>
    public required string TerminalId { get; init; }

    /// <summary>The configuration the back office holds for the terminal (the desired one).</summary>
    public required TerminalConfiguration Desired { get; init; }

    /// <summary>The version the terminal last reported running, or <see langword="null"/> before its first report.</summary>
    public long? ReportedVersion { get; init; }

    /// <summary>When the terminal last reported, or <see langword="null"/>.</summary>
    public DateTimeOffset? ReportedAt { get; init; }

    /// <summary>Whether the terminal runs the desired version.</summary>
    public bool IsCurrent => ReportedVersion == Desired.Version;
}
