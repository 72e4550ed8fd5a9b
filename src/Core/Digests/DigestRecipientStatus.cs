namespace PosFleet.Digests;

/// <summary>Where a run stands for one recipient.</summary>
public enum DigestRecipientStatus
{
    /// <summary>Not sent yet, or retried after a transient failure (its reason says which).</summary>
    Pending = 0,

    /// <summary>The transport accepted the digest for this recipient.</summary>
    Sent = 1,

    /// <summary>Refused for good (such as a 550 unknown mailbox), or the retries ran out; its reason says why.</summary>
    Failed = 2,
}
