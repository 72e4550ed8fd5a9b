namespace PosFleet.Updates;

/// <summary>How a terminal takes package updates; checked at start-up.</summary>
public sealed class PackageUpdatesOptions
{
    /// <summary>The package this terminal installs, such as <c>pos</c>. Required.</summary>
    /// <value>The default value is <see langword="null"/> (not set).</value>
    public string? PackageId { get; set; }

    /// <summary>The channel this terminal follows: an offer of a release published on another channel is ignored.</summary>
    /// <value>The default value is <c>stable</c>.</value>
    public string Channel { get; set; } = "stable";

    /// <summary>The version the terminal runs before the updater installs any; <see langword="null"/> takes the sync agent's application version.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? InstalledVersion { get; set; }

    /// <summary>Whether the till's user is asked first (seed 003: Always, Once, Never).</summary>
    /// <value>The default value is <see cref="PackageConfirmationPolicy.Always"/>.</value>
    public PackageConfirmationPolicy ConfirmationPolicy { get; set; } = PackageConfirmationPolicy.Always;

    /// <summary>When the maintenance window opens, in <see cref="MaintenanceTimeZone"/>; with <see cref="MaintenanceWindowEnd"/>, packages install only inside it.</summary>
    /// <value>The default value is <see langword="null"/>: any time.</value>
    public TimeOnly? MaintenanceWindowStart { get; set; }

    /// <summary>When the maintenance window closes; before <see cref="MaintenanceWindowStart"/> for a window across midnight (22:00 to 05:00).</summary>
    /// <value>The default value is <see langword="null"/>: any time.</value>
    public TimeOnly? MaintenanceWindowEnd { get; set; }

    /// <summary>The time zone of the maintenance window (an IANA or Windows id, such as <c>Europe/Paris</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the machine's local time zone.</value>
    public string? MaintenanceTimeZone { get; set; }

    /// <summary>Where packages are downloaded before they are checked and installed.</summary>
    /// <value>The default value is <c>posfleet-packages</c> in the temporary folder.</value>
    public string DownloadDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "posfleet-packages");

    /// <summary>
    /// How long the till's dialog (<see cref="IPackageConfirmation"/>) may take to answer, from 1 second to 1 day; past
    /// it the offer is deferred ("no answer at the till") and asked again at the next one, so that the sync goes on.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan ConfirmationTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
