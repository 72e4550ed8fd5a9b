namespace PosFleet.Digests;

/// <summary>Where a run of the ledger stands.</summary>
public enum DigestRunStatus
{
    /// <summary>Claimed by a host that is counting or sending now (or crashed doing so: its lease then expires).</summary>
    InProgress = 0,

    /// <summary>Some recipients are still to be sent after a transient failure; the run is retried at <see cref="DigestRun.NextAttemptAt"/>.</summary>
    Pending = 1,

    /// <summary>Fewer entries than the threshold (or none): nothing was sent.</summary>
    BelowThreshold = 2,

    /// <summary>Every recipient received the digest.</summary>
    Sent = 3,

    /// <summary>Some recipients received it; the others failed permanently (see each recipient's reason).</summary>
    PartiallySent = 4,

    /// <summary>No recipient received it: every one failed permanently, or the retries ran out.</summary>
    Failed = 5,
}
