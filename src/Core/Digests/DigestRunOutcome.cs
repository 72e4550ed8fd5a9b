namespace PosFleet.Digests;

/// <summary>
/// What one call to <see cref="IDigestRunner"/> did with a (subscription, window): the answer to "what did this call
/// do?". It differs from <see cref="DigestRunStatus"/>, the ledger's state of the run, in two ways only:
/// <see cref="Skipped"/> (the call did nothing; the run, if any, is in someone else's state) has no ledger state, and a
/// call never ends <see cref="DigestRunStatus.InProgress"/> (it records an outcome before it returns, or leaves the run
/// to be taken over after its lease, which it reports as <see cref="Pending"/>). Every other value names the ledger
/// state the call recorded; <see cref="DigestRunResult.Outcome"/> is derived from it in one place.
/// </summary>
public enum DigestRunOutcome
{
    /// <summary>Every recipient received it (recorded <see cref="DigestRunStatus.Sent"/>).</summary>
    Sent = 0,

    /// <summary>Some recipients received it; the others failed permanently (recorded <see cref="DigestRunStatus.PartiallySent"/>).</summary>
    PartiallySent = 1,

    /// <summary>Fewer errors than the threshold: nothing was sent (recorded <see cref="DigestRunStatus.BelowThreshold"/>).</summary>
    BelowThreshold = 2,

    /// <summary>
    /// Not finished: transient failures left some recipients to a later retry (recorded <see cref="DigestRunStatus.Pending"/>),
    /// or the call failed unexpectedly and the run is taken over after its lease (left <see cref="DigestRunStatus.InProgress"/>).
    /// </summary>
    Pending = 3,

    /// <summary>No recipient received it and none will (recorded <see cref="DigestRunStatus.Failed"/>).</summary>
    Failed = 4,

    /// <summary>Nothing was done: the window's run is finished already, held by another host, or not yet due for a retry. No ledger state.</summary>
    Skipped = 5,
}
