using System.Data.Common;

namespace PosFleet.Sync.Inbox;

/// <summary>
/// One transaction of the inbox, in which a message is recorded and its handler's effect written. With a database
/// store, <see cref="Connection"/> and <see cref="Transaction"/> are the ones the handler writes with (with SQLite, a
/// <c>SqliteConnection</c> and <c>SqliteTransaction</c> on the back office's database file).
/// </summary>
public interface ISyncInboxTransaction : IAsyncDisposable
{
    /// <summary>The open connection of the transaction, or <see langword="null"/> for a store that is not a database (the in-memory one).</summary>
    DbConnection? Connection { get; }

    /// <summary>The transaction, or <see langword="null"/> for a store that is not a database.</summary>
    DbTransaction? Transaction { get; }

    /// <summary>Records that the message was received, unless it already was.</summary>
    /// <param name="record">The terminal, the message id and when it was received.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when it is new (apply it now); <see langword="false"/> when it was applied before (apply nothing).</returns>
    ValueTask<bool> TryRecordAsync(SyncInboxRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a message was rejected for good, with its reason, beside its inbox record (<see cref="TryRecordAsync"/>
    /// first, in this transaction): both commit together or neither does.
    /// </summary>
    /// <param name="deadLetter">The message and why it was rejected.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    ValueTask RecordDeadLetterAsync(SyncDeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>Commits the records and everything written through <see cref="Transaction"/>.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    ValueTask CommitAsync(CancellationToken cancellationToken);
}
