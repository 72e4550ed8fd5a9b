namespace PosFleet.Updates;

/// <summary>What a terminal did with an offered package, as it reports it to the back office.</summary>
public enum PackageOutcome
{
    /// <summary>Not now: a ticket or shift is open, the maintenance window is closed, or the till's user chose later. Offered again.</summary>
    Deferred,

    /// <summary>The till's user declined it: not offered again until a newer version is the target.</summary>
    Declined,

    /// <summary>Installed; the terminal now runs this version.</summary>
    Installed,

    /// <summary>The installer failed. Counts against the rollout's failure threshold; not offered again to this terminal.</summary>
    Failed,

    /// <summary>The download's size or SHA-256 was not the published one (a damaged or tampered package): not installed. Counts as a failure.</summary>
    Rejected,

    /// <summary>The download could not be fetched (no network, not found). Offered again.</summary>
    DownloadFailed,
}
