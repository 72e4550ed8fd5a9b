using Npgsql;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// Purges old tombstones from <c>sync_changes</c>, as the SQLite store does. The triggers that write the log run in the
/// host's transactions, which know nothing of PosFleet's clock, so a change's age is read from marks instead: each pass
/// first hands out the positions of the changes committed so far, then records the last position with its time, and a
/// tombstone whose position a mark older than the retention covers was in the log at that time. Purged in chunks, each
/// in its own transaction with the raised minimum valid position, so an export never sees a tombstone gone without the
/// horizon that tells of it. Rows that are not tombstones need no retention: a row's new change replaces its previous one.
/// </summary>
internal sealed class PostgreSqlChangeRetention(PostgreSqlDatabase database) : IChangeRetention
{
    private const int Chunk = 5_000;

    public async ValueTask<long> PurgeAsync(DateTimeOffset now, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PostgreSqlChangeStamp.RunAsync(connection, cancellationToken).ConfigureAwait(false);
            using (var mark = PostgreSqlDatabase.Command(connection, null,
                """
                INSERT INTO sync_change_marks (at, position) SELECT @now, last_position FROM sync_change_state WHERE id = 1
                ON CONFLICT (at) DO UPDATE SET position = greatest(sync_change_marks.position, EXCLUDED.position)
                """,
                ("now", now.UtcTicks)))
            {
                await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // The newest mark at or before the cut-off is the one still needed; those before it are not.
            using (var forget = PostgreSqlDatabase.Command(connection, null,
                "DELETE FROM sync_change_marks WHERE at < (SELECT max(at) FROM sync_change_marks WHERE at <= @older)", ("older", olderThan.UtcTicks)))
            {
                await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long horizon;
            using (var read = PostgreSqlDatabase.Command(connection, null,
                "SELECT coalesce(max(position), 0) FROM sync_change_marks WHERE at <= @older", ("older", olderThan.UtcTicks)))
            {
                horizon = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            long purged = 0;
            while (horizon > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var chunk = PostgreSqlDatabase.Command(connection, null,
                    """
                    WITH purged AS (
                        DELETE FROM sync_changes WHERE id IN (
                            SELECT id FROM sync_changes WHERE deleted AND position <= @horizon ORDER BY position LIMIT @chunk FOR UPDATE SKIP LOCKED)
                        RETURNING position
                    )
                    UPDATE sync_change_state SET min_valid_position = greatest(min_valid_position, coalesce((SELECT max(position) FROM purged), 0))
                    WHERE id = 1 RETURNING (SELECT count(*) FROM purged)
                    """,
                    ("horizon", horizon), ("chunk", Chunk));
                var count = (long)(await chunk.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                purged += count;
                if (count < Chunk)
                {
                    break;
                }
            }

            return purged;
        }
    }
}
