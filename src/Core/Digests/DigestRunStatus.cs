namespace PosFleet.Digests;

/// <summary>
/// Where a run of the ledger stands, across every attempt and host: the answer to "what state is this window's
/// digest in?". It differs from <see cref="DigestRunOutcome"/>, what one call did, in that it has
/// <see cref="InProgress"/> (a host holds the run now) and no "skipped" (a call that did nothing leaves no state).
/// </summary>
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
