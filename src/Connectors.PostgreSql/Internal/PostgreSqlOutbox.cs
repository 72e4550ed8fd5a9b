using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// A terminal's outbox on PostgreSQL, for a connector host that runs on a server and may run as several instances.
/// Enqueues are serialized by a transaction advisory lock, so sequences follow commit order. One instance sends at a
/// time: a peek claims the sender row <c>FOR UPDATE SKIP LOCKED</c> and takes a lease
/// (<see cref="PostgreSqlStorageOptions.OutboxLeaseDuration"/>) that its acknowledgement or rejection gives back; the
/// others see the outbox empty meanwhile, so no message is sent twice by two instances, nor out of order. A host that
/// keeps its own tables in the same database enqueues in its own transaction
/// (<see cref="EnqueueAsync(NpgsqlConnection, NpgsqlTransaction, OutboxMessage, CancellationToken)"/>).
/// </summary>
internal sealed partial class PostgreSqlOutbox(PostgreSqlDatabase database, TimeProvider time) : IOutbox
{
    private const string ServerIdentity = "SELECT current_database() || '@' || coalesce(inet_server_port()::text, 'socket') || '@' || extract(epoch FROM pg_postmaster_start_time())::text";

    private const string EnqueueLock = "SELECT pg_advisory_xact_lock(hashtextextended('posfleet-outbox', 0))";

    // Which instance this is, as the sender row records it: one per store, so per host process.
    private readonly Guid _instance = Guid.NewGuid();

    // The outbox's database and server as the server names them, read once.
    private string? _server;

    public async ValueTask<OutboxMessage> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        OutboxMessageRules.Check(message);
        return await database.WriteAsync((connection, transaction) => InsertAsync(connection, transaction, message, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enqueues in the host's own transaction, so that its change and the message commit (or roll back) together. The
    /// enqueue lock is then held until the host's transaction ends, which keeps sequences in commit order.
    /// </summary>
    public async ValueTask<OutboxMessage> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        OutboxMessageRules.Check(message);
        if (connection.State != System.Data.ConnectionState.Open || !ReferenceEquals(transaction.Connection, connection))
        {
            throw new ArgumentException("Pass an open connection and a transaction begun on it (connection.BeginTransactionAsync()).", nameof(transaction));
        }

        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        // The server says which database and server each side is on (a connection string may name no database, or
        // reach one server by two names): its database, its port and when it started.
        _server ??= (string?)await database.ScalarAsync(ServerIdentity, cancellationToken).ConfigureAwait(false);
        using (var identity = new NpgsqlCommand(ServerIdentity, connection, transaction))
        {
            if (!string.Equals((string?)await identity.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), _server, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The connection is to database '{connection.Database}' on {connection.Host}:{connection.Port}, but the outbox is in {database.Name} (UsePostgreSqlStorage): open the host's connection on that server and database, so that the change and its message commit together."));
            }
        }

        return await InsertAsync(connection, transaction, message, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<OutboxMessage>> PeekAsync(int maxCount, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        return await database.WriteAsync<IReadOnlyList<OutboxMessage>>(
            async (connection, transaction) =>
            {
                var now = time.GetUtcNow().UtcTicks;
                using (var claim = PostgreSqlDatabase.Command(
                    connection,
                    transaction,
                    "SELECT holder, lease_until FROM sync_outbox_sender WHERE id = 1 FOR UPDATE SKIP LOCKED"))
                {
                    var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        // No row: another instance is claiming this very moment and will send the head itself.
                        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            return [];
                        }

                        var holder = reader.IsDBNull(0) ? (Guid?)null : reader.GetGuid(0);
                        if (holder is { } other && other != _instance && reader.GetInt64(1) > now)
                        {
                            return [];
                        }
                    }
                }

                var batch = await ReadHeadAsync(connection, transaction, maxCount, maxBytes, cancellationToken).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    using var lease = PostgreSqlDatabase.Command(
                        connection, transaction, "UPDATE sync_outbox_sender SET holder = @me, lease_until = @until WHERE id = 1", ("me", _instance), ("until", now + database.OutboxLeaseTicks));
                    await lease.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return batch;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> AcknowledgeAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return 0;
        }

        return await database.WriteAsync(
            async (connection, transaction) =>
            {
                using var delete = PostgreSqlDatabase.Command(connection, transaction, "DELETE FROM sync_outbox WHERE id = ANY(@ids)");
                delete.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() });
                var deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await ReleaseAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                return deleted;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) =>
        (long)(await database.ScalarAsync("SELECT count(*) FROM sync_outbox", cancellationToken).ConfigureAwait(false))!;

    private static async Task<OutboxMessage> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMessage message, CancellationToken cancellationToken)
    {
        using (var serialize = PostgreSqlDatabase.Command(connection, transaction, EnqueueLock))
        {
            await serialize.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var insert = PostgreSqlDatabase.Command(
            connection,
            transaction,
            "INSERT INTO sync_outbox (id, type, payload, created_at) VALUES (@id, @type, @payload, @created) ON CONFLICT (id) DO NOTHING RETURNING sequence",
            ("id", message.Id),
            ("type", message.Type),
            ("payload", message.Payload.GetRawText()),
            ("created", message.CreatedAt.UtcTicks));
        return await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long sequence
            ? message with { Sequence = sequence }
            : throw new ArgumentException($"The outbox already holds a message with id {message.Id}; create each message with OutboxMessage.Create.", nameof(message));
    }

    private static async Task<List<OutboxMessage>> ReadHeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int maxCount, long maxBytes, CancellationToken cancellationToken)
    {
        using var command = PostgreSqlDatabase.Command(
            connection, transaction, "SELECT sequence, id, type, payload, created_at FROM sync_outbox ORDER BY sequence LIMIT @count", ("count", maxCount));
        var batch = new List<OutboxMessage>();
        long bytes = 0;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var payload = reader.GetString(3);
                var size = Encoding.UTF8.GetByteCount(payload);
                if (batch.Count > 0 && bytes + size > maxBytes)
                {
                    break;
                }

                batch.Add(Read(reader, payload));
                bytes += size;
            }
        }

        return batch;
    }

    private static OutboxMessage Read(NpgsqlDataReader reader, string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return new OutboxMessage
        {
            Sequence = reader.GetInt64(0),
            Id = reader.GetGuid(1),
            Type = reader.GetString(2),
            Payload = json.RootElement.Clone(),
            CreatedAt = new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
        };
    }

    /// <summary>Gives the sender lease back once what this instance sent is settled, so that any instance may send next.</summary>
    private async Task ReleaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var release = PostgreSqlDatabase.Command(
            connection, transaction, "UPDATE sync_outbox_sender SET holder = NULL, lease_until = 0 WHERE id = 1 AND holder = @me", ("me", _instance));
        await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
