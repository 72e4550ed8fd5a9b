namespace PosFleet.Digests;

/// <summary>The ledger's line for one recipient of a run.</summary>
/// <param name="Recipient">The address.</param>
/// <param name="Status">Sent, pending or failed.</param>
/// <param name="Attempts">How many times the digest was handed to the notifier for this recipient.</param>
/// <param name="Reason">The last failure's reason, when it failed.</param>
/// <param name="LastAttemptAt">When it was last attempted.</param>
public sealed record DigestRecipientDelivery(
    string Recipient,
    DigestRecipientStatus Status,
    int Attempts = 0,
    string? Reason = null,
    DateTimeOffset? LastAttemptAt = null);
