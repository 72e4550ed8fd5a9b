using Npgsql;
using PosFleet.Connectors.PostgreSql.Internal;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.PostgreSql;

/// <summary>The transactional outbox on PostgreSQL: a host's change and its outbox message in one transaction.</summary>
public static class PostgreSqlOutboxExtensions
{
    /// <summary>
    /// Adds <paramref name="message"/> to the outbox inside the host's own transaction, so that it commits (or rolls
    /// back) with the change it describes — a ticket and its message are both there, or neither. The connection must be
    /// open on the database of <c>UsePostgreSqlStorage</c>, where the outbox is. Enqueues take turns until the host's
    /// transaction ends (so sequences follow commit order): keep that transaction short.
    /// </summary>
    /// <param name="outbox">The outbox (registered by <c>UsePostgreSqlStorage</c>).</param>
    /// <param name="connection">The host's open connection on the storage database.</param>
    /// <param name="transaction">The host's transaction on <paramref name="connection"/>; the host commits it.</param>
    /// <param name="message">The message (<see cref="OutboxMessage.Create"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The message as stored, with its sequence.</returns>
    /// <exception cref="InvalidOperationException">The outbox is not the PostgreSQL one (call <c>UsePostgreSqlStorage</c>), or the connection is to another database.</exception>
    public static ValueTask<OutboxMessage> EnqueueAsync(
        this IOutbox outbox, NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        return outbox is PostgreSqlOutbox postgreSql
            ? postgreSql.EnqueueAsync(connection, transaction, message, cancellationToken)
            : throw new InvalidOperationException($"The outbox is a {outbox.GetType().Name}, not the PostgreSQL outbox: register it with UsePostgreSqlStorage, or enqueue with IOutbox.EnqueueAsync.");
    }
}
