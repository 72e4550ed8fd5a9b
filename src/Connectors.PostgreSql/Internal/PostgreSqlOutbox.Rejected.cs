using Npgsql;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>The messages the back office rejected for good, moved out of the outbox with their reasons.</summary>
internal sealed partial class PostgreSqlOutbox
{
    public async ValueTask<int> RejectAsync(IReadOnlyCollection<OutboxRejection> rejections, DateTimeOffset rejectedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        if (rejections.Count == 0)
        {
            return 0;
        }

        return await database.WriteAsync(
            async (connection, transaction) =>
            {
                // Moved in one statement per message: it is in the outbox or among the rejected, never in neither.
                var moved = 0;
                foreach (var rejection in rejections)
                {
                    using var move = PostgreSqlDatabase.Command(
                        connection,
                        transaction,
                        """
                        WITH gone AS (DELETE FROM sync_outbox WHERE id = @id RETURNING sequence, id, type, payload, created_at)
                        INSERT INTO sync_outbox_rejected (sequence, id, type, payload, created_at, reason, rejected_at)
                        SELECT sequence, id, type, payload, created_at, @reason, @at FROM gone
                        """,
                        ("id", rejection.MessageId),
                        ("reason", rejection.Reason ?? ""),
                        ("at", rejectedAt.UtcTicks));
                    moved += await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await ReleaseAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                return moved;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<RejectedOutboxMessage>> ListRejectedAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return await database.QueryAsync(
            """
            SELECT sequence, id, type, payload, created_at, reason, rejected_at FROM sync_outbox_rejected
            ORDER BY rejected_at DESC, sequence DESC LIMIT @count
            """,
            ReadRejected,
            cancellationToken,
            ("count", maxCount)).ConfigureAwait(false);
    }

    public async ValueTask<long> CountRejectedAsync(CancellationToken cancellationToken) =>
        (long)(await database.ScalarAsync("SELECT count(*) FROM sync_outbox_rejected", cancellationToken).ConfigureAwait(false))!;

    private static RejectedOutboxMessage ReadRejected(NpgsqlDataReader reader) =>
        new(Read(reader, reader.GetString(3)), reader.GetString(5), new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero));
}
