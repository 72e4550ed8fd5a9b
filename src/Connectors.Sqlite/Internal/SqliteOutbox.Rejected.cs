using System.Globalization;
using System.Text.Json;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.Sqlite.Internal;

internal sealed partial class SqliteOutbox
{
    public async ValueTask<int> RejectAsync(IReadOnlyCollection<OutboxRejection> rejections, DateTimeOffset rejectedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        if (rejections.Count == 0)
        {
            return 0;
        }

        return await UseAsync(
            connection =>
            {
                // Copied and deleted in one transaction: a message is in the outbox or among the rejected, never in neither.
                using var transaction = connection.BeginTransaction(deferred: false);
                var moved = 0;
                foreach (var rejection in rejections)
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = """
                        INSERT INTO sync_outbox_rejected (sequence, id, type, payload, created_at, reason, rejected_at)
                        SELECT sequence, id, type, payload, created_at, $reason, $at FROM sync_outbox WHERE id = $id;
                        DELETE FROM sync_outbox WHERE id = $id;
                        """;
                    command.Parameters.AddWithValue("$id", rejection.MessageId.ToString("D"));
                    command.Parameters.AddWithValue("$reason", rejection.Reason ?? "");
                    command.Parameters.AddWithValue("$at", rejectedAt.UtcTicks);
                    moved += command.ExecuteNonQuery() / 2;
                }

                transaction.Commit();
                return moved;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<RejectedOutboxMessage>> ListRejectedAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return await UseAsync<IReadOnlyList<RejectedOutboxMessage>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT sequence, id, type, payload, created_at, reason, rejected_at FROM sync_outbox_rejected
                    ORDER BY rejected_at DESC, sequence DESC LIMIT $count;
                    """;
                command.Parameters.AddWithValue("$count", maxCount);
                using var reader = command.ExecuteReader();
                var list = new List<RejectedOutboxMessage>();
                while (reader.Read())
                {
                    using var json = JsonDocument.Parse(reader.GetString(3));
                    var message = new OutboxMessage
                    {
                        Sequence = reader.GetInt64(0),
                        Id = Guid.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                        Type = reader.GetString(2),
                        Payload = json.RootElement.Clone(),
                        CreatedAt = new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                    };
                    list.Add(new RejectedOutboxMessage(message, reader.GetString(5), new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero)));
                }

                return list;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> CountRejectedAsync(CancellationToken cancellationToken) =>
        await UseAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM sync_outbox_rejected;";
                return (long)command.ExecuteScalar()!;
            },
            cancellationToken).ConfigureAwait(false);
}
