namespace PosFleet.Sync.Inbox;

/// <summary>
/// An outbox message the back office rejected for good (no handler for its type, or its handler threw
/// <see cref="OutboxMessageRejectedException"/>): recorded with its reason in the same transaction as its inbox record,
/// and acknowledged to the terminal with that reason. Listed per terminal by <see cref="ISyncInboxStore.ListDeadLettersAsync"/>.
/// </summary>
/// <param name="TerminalId">The terminal that sent it.</param>
/// <param name="MessageId">Its id (<see cref="Outbox.OutboxMessage.Id"/>).</param>
/// <param name="Organization">The terminal's organization.</param>
/// <param name="Type">Its type (<see cref="Outbox.OutboxMessage.Type"/>).</param>
/// <param name="Payload">Its payload as the terminal sent it (JSON text), so that it can be looked at and applied by hand.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="RejectedAt">When the back office rejected it; retention counts from here, as for inbox records.</param>
public sealed record SyncDeadLetter(string TerminalId, Guid MessageId, string Organization, string Type, string Payload, string Reason, DateTimeOffset RejectedAt);
