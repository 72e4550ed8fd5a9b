using Microsoft.Data.Sqlite;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.Sqlite;

/// <summary>The transactional outbox on SQLite: a host's change and its outbox message in one transaction.</summary>
public static class SqliteOutboxExtensions
{
    /// <summary>
    /// Adds <paramref name="message"/> to the outbox inside the host's own transaction, so that it commits (or rolls
    /// back) with the change it describes — a ticket and its message are both there, or neither. The connection must
    /// be open on the file of <c>UseSqliteStorage</c>, where the outbox is.
    /// </summary>
    /// <param name="outbox">The outbox (registered by <c>UseSqliteStorage</c>).</param>
    /// <param name="connection">The host's open connection on the storage file.</param>
    /// <param name="transaction">The host's transaction on <paramref name="connection"/>; the host commits it.</param>
    /// <param name="message">The message (<see cref="OutboxMessage.Create"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The message as stored, with its sequence.</returns>
    /// <exception cref="InvalidOperationException">The outbox is not the SQLite one (call <c>UseSqliteStorage</c>), or the connection is to another file.</exception>
    public static ValueTask<OutboxMessage> EnqueueAsync(
        this IOutbox outbox, SqliteConnection connection, SqliteTransaction transaction, OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        return outbox is SqliteOutbox sqlite
            ? sqlite.EnqueueAsync(connection, transaction, message, cancellationToken)
            : throw new InvalidOperationException($"The outbox is a {outbox.GetType().Name}, not the SQLite outbox: register it with UseSqliteStorage, or enqueue with IOutbox.EnqueueAsync.");
    }
}
