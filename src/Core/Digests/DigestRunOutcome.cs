namespace PosFleet.Digests;

/// <summary>What one call to run a digest did.</summary>
public enum DigestRunOutcome
{
    /// <summary>Every recipient received it.</summary>
    Sent = 0,

    /// <summary>Some recipients received it; the others failed permanently.</summary>
    PartiallySent = 1,

    /// <summary>Fewer errors than the threshold: nothing was sent (and the run is recorded as such).</summary>
    BelowThreshold = 2,

    /// <summary>Transient failures left some recipients to a later retry.</summary>
    Pending = 3,

    /// <summary>No recipient received it and none will.</summary>
    Failed = 4,

    /// <summary>Nothing was done: the window's run is finished already, or another host holds it.</summary>
    Skipped = 5,
}
