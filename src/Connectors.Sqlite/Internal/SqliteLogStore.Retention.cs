using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>Retention: entries older than a limit are deleted in bounded chunks, one transaction each.</summary>
internal sealed partial class SqliteLogStore
{
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
                    chunk = DeleteChunk(connection, olderThan, recount: total > 0, cancellationToken);
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
    /// Deletes up to a chunk of entries before <paramref name="olderThan"/> with their full-text rows; the chunk
    /// that leaves none recounts the rollups in its own transaction, so that they never count deleted entries once
    /// retention is done, even after a crash.
    /// </summary>
    private (int Deleted, bool Last) DeleteChunk(SqliteConnection connection, DateTimeOffset olderThan, bool recount, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var doomed = new List<(long Id, string Text)>(database.RetentionChunkSize);
        using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT e.id, t.text, e.params, e.message FROM entries e JOIN templates t ON t.id = e.template_id
                WHERE e.ts < $ts LIMIT $chunk;
                """;
            select.Parameters.AddWithValue("$ts", olderThan.UtcTicks);
            select.Parameters.AddWithValue("$chunk", database.RetentionChunkSize);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var text = reader.IsDBNull(3) ? MessageParams.Join(reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2)) : reader.GetString(3);
                doomed.Add((reader.GetInt64(0), text));
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

        var last = doomed.Count < database.RetentionChunkSize || !AnyOlder(connection, olderThan);
        if (last && (recount || doomed.Count > 0))
        {
            SqliteRollups.Recount(connection, olderThan);
        }

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return (doomed.Count, last);
    }

    private static bool AnyOlder(SqliteConnection connection, DateTimeOffset olderThan)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM entries WHERE ts < $ts);";
        command.Parameters.AddWithValue("$ts", olderThan.UtcTicks);
        return (long)command.ExecuteScalar()! != 0;
    }
}
