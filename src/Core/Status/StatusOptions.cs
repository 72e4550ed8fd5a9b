namespace PosFleet.Status;

/// <summary>How the back office keeps terminal status and judges health on the status board; checked at start-up.</summary>
public sealed class StatusOptions
{
    /// <summary>A terminal is grey once nothing was heard from it for longer than its sync interval × this factor (at least 1).</summary>
    /// <value>The default value is 3.</value>
    public double SilenceFactor { get; set; } = 3;

    /// <summary>The sync interval of a terminal whose heartbeat does not state one.</summary>
    /// <value>The default value is 1 minute (the sync agent's default interval).</value>
    public TimeSpan DefaultSyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The target application version of every organization not in <see cref="TargetVersions"/>, or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? TargetVersion { get; set; }

    /// <summary>The target application version per organization, such as <c>["ACME"] = "35.1"</c>.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, string> TargetVersions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How many sync errors are kept per terminal; the oldest go first.</summary>
    /// <value>The default value is 1000.</value>
    public int MaxErrorsPerTerminal { get; set; } = 1000;

    /// <summary>How long sync errors are kept.</summary>
    /// <value>The default value is 365 days.</value>
    public TimeSpan ErrorRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the errors older than <see cref="ErrorRetention"/> are deleted.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The claim type whose values are the organizations a user may set up outlets on (read by the default <see cref="IOutletSetupPermissions"/>).</summary>
    /// <value>The default value is <c>posfleet:outlet-setup</c>.</value>
    public string PermissionClaimType { get; set; } = "posfleet:outlet-setup";
}
