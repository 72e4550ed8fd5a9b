using PosFleet.Sync.Outbox;

namespace PosFleet.Sync.Inbox;

/// <summary>
/// Applies a terminal's outbox message in the back office (inserts the ticket, updates the customer): registered by
/// the host for a message type with <c>AddOutboxMessageHandler</c>. It runs inside the inbox transaction that records
/// the message, and must write through <see cref="OutboxMessageContext.Transaction"/>, so that its effect happens
/// exactly once. Throwing <see cref="OutboxMessageRejectedException"/> rejects the message for good (it is invalid and
/// will never apply): what the handler wrote is rolled back, the message is kept as a dead letter with the reason and
/// acknowledged to the terminal with it, and the terminal's later messages flow. Any other exception is a failure that
/// may pass (the database is down): nothing is committed, nothing is acknowledged, and the terminal sends the message
/// — and the ones after it, keeping their order — again at its next exchange.
/// </summary>
public interface IOutboxMessageHandler
{
    /// <summary>Applies <paramref name="message"/>.</summary>
    /// <param name="context">Who sent it, and the transaction to write in.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="OutboxMessageRejectedException">The message is invalid and never will apply.</exception>
    ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken);
}
