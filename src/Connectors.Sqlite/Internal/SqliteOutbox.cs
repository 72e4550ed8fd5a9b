using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The terminal's outbox in the SQLite file. A host that keeps its own tables in the same file enqueues in its own
/// transaction (<see cref="EnqueueAsync(SqliteConnection, SqliteTransaction, OutboxMessage, CancellationToken)"/>), so
/// that its change and the message commit together; the sequence is the table's AUTOINCREMENT key, so messages keep
/// the order of their commits.
/// </summary>
internal sealed partial class SqliteOutbox(SqliteDatabase database) : IOutbox
{
    private const int IdsPerStatement = 500;

    public async ValueTask<OutboxMessage> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        OutboxMessageRules.Check(message);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var stored = Insert(connection, transaction, message);
                transaction.Commit();
                return stored;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode != 19)
            {
                throw database.Explain(ex);
            }
        }
    }

    public async ValueTask<OutboxMessage> EnqueueAsync(SqliteConnection connection, SqliteTransaction transaction, OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        OutboxMessageRules.Check(message);
        if (connection.State != System.Data.ConnectionState.Open || !ReferenceEquals(transaction.Connection, connection))
        {
            throw new ArgumentException("Pass an open connection and a transaction begun on it (connection.BeginTransaction()).", nameof(transaction));
        }

        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(Path.GetFullPath(connection.DataSource), Path.GetFullPath(database.Path), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The connection is to '{connection.DataSource}', but the outbox is in '{database.Path}' (UseSqliteStorage): open the host's connection on that file, so that the change and its message commit together.");
        }

        return Insert(connection, transaction, message);
    }

    public async ValueTask<IReadOnlyList<OutboxMessage>> PeekAsync(int maxCount, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        return await UseAsync<IReadOnlyList<OutboxMessage>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT sequence, id, type, payload, created_at FROM sync_outbox ORDER BY sequence LIMIT $count;";
                command.Parameters.AddWithValue("$count", maxCount);
                using var reader = command.ExecuteReader();
                var batch = new List<OutboxMessage>();
                long bytes = 0;
                while (reader.Read())
                {
                    var payload = reader.GetString(3);
                    var size = Encoding.UTF8.GetByteCount(payload);
                    if (batch.Count > 0 && bytes + size > maxBytes)
                    {
                        break;
                    }

                    using var json = JsonDocument.Parse(payload);
                    batch.Add(new OutboxMessage
                    {
                        Sequence = reader.GetInt64(0),
                        Id = Guid.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                        Type = reader.GetString(2),
                        Payload = json.RootElement.Clone(),
                        CreatedAt = new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                    });
                    bytes += size;
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

        return await UseAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var deleted = 0;
                foreach (var chunk in ids.Chunk(IdsPerStatement))
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    var names = new string[chunk.Length];
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        names[i] = "$id" + i.ToString(CultureInfo.InvariantCulture);
                        command.Parameters.AddWithValue(names[i], chunk[i].ToString("D"));
                    }

                    command.CommandText = $"DELETE FROM sync_outbox WHERE id IN ({string.Join(", ", names)});";
                    deleted += command.ExecuteNonQuery();
                }

                transaction.Commit();
                return deleted;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) =>
        await UseAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM sync_outbox;";
                return (long)command.ExecuteScalar()!;
            },
            cancellationToken).ConfigureAwait(false);

    private static OutboxMessage Insert(SqliteConnection connection, SqliteTransaction transaction, OutboxMessage message)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO sync_outbox (id, type, payload, created_at) VALUES ($id, $type, $payload, $created) RETURNING sequence;";
        command.Parameters.AddWithValue("$id", message.Id.ToString("D"));
        command.Parameters.AddWithValue("$type", message.Type);
        command.Parameters.AddWithValue("$payload", message.Payload.GetRawText());
        command.Parameters.AddWithValue("$created", message.CreatedAt.UtcTicks);
        try
        {
            return message with { Sequence = (long)command.ExecuteScalar()! };
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ArgumentException($"The outbox already holds a message with id {message.Id}; create each message with OutboxMessage.Create.", nameof(message), ex);
        }
    }

    private async Task<T> UseAsync<T>(Func<SqliteConnection, T> use, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return use(connection);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }
}
