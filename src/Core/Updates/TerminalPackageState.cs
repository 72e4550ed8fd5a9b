namespace PosFleet.Updates;

/// <summary>What a terminal remembers of its package between restarts: the version installed, whether the Once policy was confirmed, its last answer.</summary>
public sealed record TerminalPackageState
{
    /// <summary>The package.</summary>
    public required string PackageId { get; init; }

    /// <summary>The version the updater last installed, or <see langword="null"/> before the first.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? InstalledVersion { get; init; }

    /// <summary>When the updater last installed a package successfully (<see cref="InstalledVersion"/>), on the terminal's clock; the heartbeat's last update time.</summary>
    /// <value>The default value is <see langword="null"/> (never).</value>
    public DateTimeOffset? InstalledAt { get; init; }

    /// <summary>Whether the till's user confirmed a first package (<see cref="PackageConfirmationPolicy.Once"/>: the next ones install unattended).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Confirmed { get; init; }

    /// <summary>
    /// The version handed to the installer whose outcome is not recorded yet, or <see langword="null"/>: saved before
    /// the installer runs, so that when it stops the application the next start reads the outcome from the version it runs.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? InstallingVersion { get; init; }

    /// <summary>The answer and outcome to the last version offered, reported in every request; or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public PackageResult? LastResult { get; init; }
}
