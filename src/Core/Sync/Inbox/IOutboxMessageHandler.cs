using PosFleet.Sync.Outbox;

namespace PosFleet.Sync.Inbox;

/// <summary>
/// Applies a terminal's outbox message in the back office (inserts the ticket, updates the customer): registered by
/// the host for a message type with <c>AddOutboxMessageHandler</c>. It runs inside the inbox transaction that records
/// the message, and must write through <see cref="OutboxMessageContext.Transaction"/>, so that its effect happens
/// exactly once. It throws to refuse the message: nothing is committed and the terminal sends it again later.
/// </summary>
public interface IOutboxMessageHandler
{
    /// <summary>Applies <paramref name="message"/>.</summary>
    /// <param name="context">Who sent it, and the transaction to write in.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken);
}
