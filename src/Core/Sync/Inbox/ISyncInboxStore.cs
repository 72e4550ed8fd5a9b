namespace PosFleet.Sync.Inbox;

/// <summary>
/// The back office's record of the outbox messages it applied, by (terminal, message id): what makes a message sent
/// twice take effect once. A message is applied inside an <see cref="ISyncInboxTransaction"/> that also records it,
/// so the effect and the record commit together or not at all.
/// </summary>
public interface ISyncInboxStore
{
    /// <summary>
    /// Begins a transaction in which one message is recorded and applied. Transactions are serialized: while one is
    /// open, another waits, so two exchanges of one terminal cannot both apply the same message.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction; disposing it without <see cref="ISyncInboxTransaction.CommitAsync"/> rolls it back.</returns>
    ValueTask<ISyncInboxTransaction> BeginAsync(CancellationToken cancellationToken);

    /// <summary>Whether a message of this terminal was applied (and not yet purged).</summary>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether it is recorded.</returns>
    ValueTask<bool> ContainsAsync(string terminalId, Guid messageId, CancellationToken cancellationToken);

    /// <summary>The dead letter of a message of this terminal, or <see langword="null"/> when it was not rejected (or was purged).</summary>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The dead letter, or <see langword="null"/>.</returns>
    ValueTask<SyncDeadLetter?> FindDeadLetterAsync(string terminalId, Guid messageId, CancellationToken cancellationToken);

    /// <summary>The dead letters of a terminal, the most recent first.</summary>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The dead letters.</returns>
    ValueTask<IReadOnlyList<SyncDeadLetter>> ListDeadLettersAsync(string terminalId, int maxCount, CancellationToken cancellationToken);

    /// <summary>How many dead letters a terminal has.</summary>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count.</returns>
    ValueTask<long> CountDeadLettersAsync(string terminalId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the records received before <paramref name="olderThan"/> (<see cref="SyncBackOfficeOptions.InboxRetention"/>):
    /// a message older than that sent again would be applied again, so the period must outlast the longest time a terminal stays offline.
    /// </summary>
    /// <remarks>Dead letters rejected before <paramref name="olderThan"/> go with them.</remarks>
    /// <param name="olderThan">Records received before this instant go.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many records (inbox records and dead letters) were deleted.</returns>
    ValueTask<long> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
