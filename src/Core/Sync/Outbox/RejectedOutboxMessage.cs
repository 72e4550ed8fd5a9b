namespace PosFleet.Sync.Outbox;

/// <summary>An outbox message the back office rejected, kept on the terminal with the reason (<see cref="IOutbox.ListRejectedAsync"/>).</summary>
/// <param name="Message">The message as it was in the outbox.</param>
/// <param name="Reason">Why the back office rejected it.</param>
/// <param name="RejectedAt">When the terminal received the rejection.</param>
public sealed record RejectedOutboxMessage(OutboxMessage Message, string Reason, DateTimeOffset RejectedAt);
