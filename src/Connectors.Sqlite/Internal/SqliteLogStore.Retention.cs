using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>Retention: entries older than a limit are deleted in bounded chunks, one transaction each.</summary>
internal sealed partial class SqliteLogStore
{
    // Microsoft.Data.Sqlite runs every command synchronously (its async methods complete synchronously), so a chunk
    // holds the calling thread for its duration; the chunks are small for that reason too.
    public async ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            // One bounded chunk per transaction: the write lock is released between chunks, so ingest goes on.
            await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
            (int Deleted, bool Last) chunk;
            try
            {
                var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    chunk = DeleteChunk(connection, olderThan, cancellationToken);
                }
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
            finally
            {
                _write.Release();
            }

            total += chunk.Deleted;
            if (chunk.Last)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Deletes the oldest chunk of entries before <paramref name="olderThan"/> with their full-text rows, and recounts
    /// the rollups of the hours it touched in the same transaction: whenever retention stops (done, canceled, crashed),
    /// the rollups count exactly the entries left.
    /// </summary>
    private (int Deleted, bool Last) DeleteChunk(SqliteConnection connection, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var doomed = new List<(long Id, string Text)>(database.RetentionChunkSize);
        long firstTicks = long.MaxValue, lastTicks = long.MinValue;
        using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT e.id, t.text, e.params, e.message, e.ts FROM entries e JOIN templates t ON t.id = e.template_id
                WHERE e.ts < $ts ORDER BY e.ts LIMIT $chunk;
                """;
            select.Parameters.AddWithValue("$ts", olderThan.UtcTicks);
            select.Parameters.AddWithValue("$chunk", database.RetentionChunkSize);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var text = reader.IsDBNull(3) ? MessageParams.Join(reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2)) : reader.GetString(3);
                doomed.Add((reader.GetInt64(0), text));
                var ticks = reader.GetInt64(4);
                firstTicks = Math.Min(firstTicks, ticks);
                lastTicks = Math.Max(lastTicks, ticks);
            }
        }

        // The index is contentless without per-row sizes (migration 0004): FTS5 removes a row's words only when
        // given the very text that was indexed, which the store gives back from the template and params.
        using (var unindex = new SqliteStatement(connection, "INSERT INTO entries_text (entries_text, rowid, message) VALUES ('delete', ?1, ?2);"))
        using (var delete = new SqliteStatement(connection, "DELETE FROM entries WHERE id = ?1;"))
        {
            foreach (var (id, text) in doomed)
            {
                unindex.Bind(1, id);
                unindex.Bind(2, text);
                unindex.Execute();
                delete.Bind(1, id);
                delete.Execute();
            }
        }

        if (doomed.Count > 0)
        {
            SqliteRollups.Recount(connection, firstTicks / TimeSpan.TicksPerHour, lastTicks / TimeSpan.TicksPerHour);
        }

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return (doomed.Count, doomed.Count < database.RetentionChunkSize);
    }
}
