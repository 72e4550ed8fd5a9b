namespace PosFleet.Actions;

/// <summary>
/// Where a remote action stands: Pending → Delivered → Running → Succeeded | Failed | Rejected; Canceled before
/// delivery; Expired when its time to live passed before it ran.
/// </summary>
public enum RemoteActionState
{
    /// <summary>Queued in the back office, not yet handed to the terminal.</summary>
    Pending,

    /// <summary>Sent in an exchange response; sent again in every response until the terminal reports on it.</summary>
    Delivered,

    /// <summary>The terminal reported that it started (an attempt and, on a retry, the reason).</summary>
    Running,

    /// <summary>The handler succeeded.</summary>
    Succeeded,

    /// <summary>The handler failed, or timed out, on its last allowed attempt.</summary>
    Failed,

    /// <summary>The terminal refused it: no handler for its name, or a precondition not met (the reason says which).</summary>
    Rejected,

    /// <summary>Canceled in the back office before it was delivered.</summary>
    Canceled,

    /// <summary>Its time to live passed before it ran.</summary>
    Expired,
}
