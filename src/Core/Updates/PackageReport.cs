namespace PosFleet.Updates;

/// <summary>
/// What a terminal that installs packages states in every <see cref="Sync.Exchange.SyncRequest"/>: the package it
/// installs, the version it runs and its last answer. Sent again in each request, so a lost response loses nothing;
/// the back office records it idempotently.
/// </summary>
public sealed record PackageReport
{
    /// <summary>The package the terminal installs (<see cref="PackageUpdatesOptions.PackageId"/>).</summary>
    public required string PackageId { get; init; }

    /// <summary>The version it runs, or <see langword="null"/> when it does not know.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? InstalledVersion { get; init; }

    /// <summary>Its answer and outcome to the last version offered, or <see langword="null"/> before the first.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public PackageResult? LastResult { get; init; }
}
