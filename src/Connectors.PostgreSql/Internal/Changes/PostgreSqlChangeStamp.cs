using Npgsql;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// Hands out positions, the checkpoint order, to the changes that are committed. A position taken when a row is written
/// would be wrong on a server: two transactions write, the one with the higher position commits first, an export
/// takes it and moves the terminal's checkpoint past the other, which commits later and is never sent. So the
/// triggers write without a position, and this pass numbers only what it reads, that is only committed changes, in
/// write order, after the last position handed out. The last position's row lock makes the passes take turns, and it
/// commits with the positions it covers, so a reader that sees a position sees every lower one.
/// A change some host transaction is rewriting right now is skipped (SKIP LOCKED), not waited for: its new version
/// gets a position once it commits.
/// </summary>
internal static class PostgreSqlChangeStamp
{
    private const int Chunk = 10_000;

    /// <summary>Numbers every committed change that has no position yet, in chunks of their own transaction.</summary>
    public static async Task RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            using (var pending = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM sync_changes WHERE position IS NULL)", connection))
            {
                if (!(bool)(await pending.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    return;
                }
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var stamp = new NpgsqlCommand(
                    """
                    SELECT last_position FROM sync_change_state WHERE id = 1 FOR UPDATE;
                    WITH ready AS (
                        SELECT id, seq FROM sync_changes WHERE position IS NULL ORDER BY seq LIMIT @chunk FOR UPDATE SKIP LOCKED
                    ), numbered AS (
                        SELECT id, row_number() OVER (ORDER BY seq) AS n FROM ready
                    ), stamped AS (
                        UPDATE sync_changes c SET position = s.last_position + numbered.n
                        FROM numbered, sync_change_state s WHERE c.id = numbered.id AND s.id = 1
                        RETURNING c.position
                    )
                    UPDATE sync_change_state SET last_position = greatest(last_position, coalesce((SELECT max(position) FROM stamped), 0))
                    WHERE id = 1 RETURNING (SELECT count(*) FROM stamped);
                    """,
                    connection,
                    transaction);
                stamp.Parameters.AddWithValue("chunk", Chunk);
                long count = 0;
                var reader = await stamp.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        count = reader.GetInt64(0);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (count < Chunk)
                {
                    // The rest, if any, is being rewritten by open transactions: it is numbered once they commit.
                    return;
                }
            }
        }
    }
}
