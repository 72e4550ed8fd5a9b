namespace PosFleet.Notifications;

/// <summary>
/// What a transport (an <see cref="INotifier"/>) made of ONE attempt to deliver a notification to one recipient.
/// It is not the digest ledger's <see cref="Digests.DigestRecipientStatus"/>, which is the state of a recipient across
/// every attempt of a run (Pending until one attempt is <see cref="Sent"/> or fails for good): the ledger reads this
/// outcome after each attempt to move that state on, keeping a recipient pending after a <see cref="TransientFailure"/>.
/// </summary>
public enum DeliveryStatus
{
    /// <summary>The transport accepted the notification for this recipient.</summary>
    Sent = 0,

    /// <summary>
    /// It could not be delivered now (server unreachable, connection reset, timeout, a 4xx reply); sending it
    /// again later may succeed.
    /// </summary>
    TransientFailure = 1,

    /// <summary>It will never be delivered as it is (a 5xx reply such as an unknown mailbox); do not retry.</summary>
    PermanentFailure = 2,
}
