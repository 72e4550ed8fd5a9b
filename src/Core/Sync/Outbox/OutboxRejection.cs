namespace PosFleet.Sync.Outbox;

/// <summary>
/// That the back office rejected an outbox message for good, and why (<see cref="Exchange.SyncResponse.Rejected"/>):
/// the message is acknowledged — the back office keeps it as a dead letter and will never apply it — so the terminal
/// moves it out of its outbox into its rejected messages (<see cref="IOutbox.RejectAsync"/>) and its later messages flow.
/// </summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="Reason">Why the back office rejected it, such as "no handler is registered for type 'refund'".</param>
public sealed record OutboxRejection(Guid MessageId, string Reason);
