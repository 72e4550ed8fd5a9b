namespace PosFleet.Digests;

/// <summary>
/// Where a run stands for one recipient, in the ledger, across every attempt: pending until a transport accepted the
/// digest for that address or refused it for good, or until the run's retries ran out. It differs from
/// <see cref="Notifications.DeliveryStatus"/>, a transport's answer for one attempt (sent, transient or permanent
/// failure): a transient failure leaves the recipient <see cref="Pending"/> for the next attempt, and only the ledger
/// turns pending into <see cref="Failed"/> when the attempts run out.
/// </summary>
public enum DigestRecipientStatus
{
    /// <summary>Not sent yet, or retried after a transient failure (its reason says which).</summary>
    Pending = 0,

    /// <summary>The transport accepted the digest for this recipient.</summary>
    Sent = 1,

    /// <summary>Refused for good (such as a 550 unknown mailbox), or the retries ran out; its reason says why.</summary>
    Failed = 2,
}
