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
    /// Deletes the oldest chunk of entries before <paramref name="olderThan"/> with their full-text rows, and takes
    /// them out of the rollups in the same transaction: whenever retention stops (done, canceled, crashed), the counts
    /// are exactly those of the entries left (see <see cref="SqliteRetentionRollups"/>).
    /// </summary>
    private (int Deleted, bool Last) DeleteChunk(SqliteConnection connection, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var doomed = new List<(long Id, string Text)>(database.RetentionChunkSize);
        var rollups = new SqliteRetentionRollups();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT e.id, t.text, e.params, e.message, e.ts, e.template_id, e.severity, e.kind, o.terminal, o.organization
                FROM entries e JOIN templates t ON t.id = e.template_id JOIN origins o ON o.id = e.origin_id
                WHERE e.ts < $ts ORDER BY e.ts LIMIT $chunk;
                """;
            select.Parameters.AddWithValue("$ts", olderThan.UtcTicks);
            select.Parameters.AddWithValue("$chunk", database.RetentionChunkSize);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var text = reader.IsDBNull(3) ? MessageParams.Join(reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2)) : reader.GetString(3);
                doomed.Add((reader.GetInt64(0), text));
                rollups.Add(reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9));
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
        rollups.Write(connection, last);
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
