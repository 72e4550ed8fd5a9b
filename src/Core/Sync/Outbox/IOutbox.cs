namespace PosFleet.Sync.Outbox;

/// <summary>
/// A terminal's outbox: local changes kept in order until the back office acknowledges them. A host that keeps its
/// data in the same database enqueues in its own transaction (with SQLite, <c>outbox.EnqueueAsync(connection,
/// transaction, message)</c> from PosFleet.Connectors.Sqlite), so that a change and its message commit together.
/// </summary>
public interface IOutbox
{
    /// <summary>Adds a message at the end of the outbox, in a transaction of its own.</summary>
    /// <param name="message">The message (<see cref="OutboxMessage.Create"/>); its <see cref="OutboxMessage.Sequence"/> is assigned here.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The message as stored, with its sequence.</returns>
    /// <exception cref="ArgumentException">A message with this id is already in the outbox, or the message has no type.</exception>
    ValueTask<OutboxMessage> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// The oldest messages, in order, without removing them: at most <paramref name="maxCount"/>, and no more than
    /// <paramref name="maxBytes"/> of payload in all — except that the first message is always returned, however
    /// large, so that one large message cannot block the outbox.
    /// </summary>
    /// <param name="maxCount">The most messages to return.</param>
    /// <param name="maxBytes">The most payload bytes (UTF-8 JSON) to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The messages, oldest first; empty when the outbox is.</returns>
    ValueTask<IReadOnlyList<OutboxMessage>> PeekAsync(int maxCount, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Deletes the acknowledged messages; ids not in the outbox are ignored.</summary>
    /// <param name="ids">The ids the back office acknowledged.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many messages were deleted.</returns>
    ValueTask<int> AcknowledgeAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the messages the back office rejected out of the outbox into the rejected messages, with their reasons,
    /// in one transaction: they stop blocking the ones after them and are kept, never silently dropped. Ids not in the
    /// outbox are ignored.
    /// </summary>
    /// <param name="rejections">The rejections of <see cref="Exchange.SyncResponse.Rejected"/>.</param>
    /// <param name="rejectedAt">When the terminal received them.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many messages were moved.</returns>
    ValueTask<int> RejectAsync(IReadOnlyCollection<OutboxRejection> rejections, DateTimeOffset rejectedAt, CancellationToken cancellationToken);

    /// <summary>The messages the back office rejected, the most recently rejected first.</summary>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rejected messages with their reasons.</returns>
    ValueTask<IReadOnlyList<RejectedOutboxMessage>> ListRejectedAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>How many rejected messages the terminal keeps.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count.</returns>
    ValueTask<long> CountRejectedAsync(CancellationToken cancellationToken);

    /// <summary>How many messages wait in the outbox.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count.</returns>
    ValueTask<long> CountAsync(CancellationToken cancellationToken);
}
