using Microsoft.Data.Sqlite;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>
/// Purges old tombstones from <c>sync_changes</c>. The triggers that write the log run on the host's connections,
/// which know nothing of PosFleet's clock, so a change's age is read from marks instead: each pass records the highest
/// version handed out so far with its time, and a tombstone whose version a mark older than the retention covers was
/// in the log at that time. Purged in chunks, each in its own transaction with the raised minimum valid version
/// (<c>sync_change_horizon</c>), so an export never sees a tombstone gone without the horizon that tells of it.
/// Rows that are not tombstones need no retention: a row's new change replaces its previous one (one record per row).
/// </summary>
internal sealed class SqliteChangeRetention(SqliteDatabase database) : IChangeRetention
{
    public async ValueTask<long> PurgeAsync(DateTimeOffset now, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                long horizon;
                using (var transaction = connection.BeginTransaction(deferred: false))
                {
                    using var mark = connection.CreateCommand();
                    mark.CommandText = """
                        INSERT INTO sync_change_marks (at, version)
                        VALUES ($now, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sync_changes'), 0))
                        ON CONFLICT (at) DO UPDATE SET version = max(version, excluded.version);
                        SELECT coalesce(max(version), 0) FROM sync_change_marks WHERE at <= $older;
                        """;
                    mark.Parameters.AddWithValue("$now", now.UtcTicks);
                    mark.Parameters.AddWithValue("$older", olderThan.UtcTicks);
                    horizon = (long)(await mark.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

                    // The newest mark at or before the cut-off is the one still needed; those before it are not.
                    using var forget = connection.CreateCommand();
                    forget.CommandText = "DELETE FROM sync_change_marks WHERE at < (SELECT max(at) FROM sync_change_marks WHERE at <= $older);";
                    forget.Parameters.AddWithValue("$older", olderThan.UtcTicks);
                    await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                long purged = 0;
                while (horizon > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var transaction = connection.BeginTransaction(deferred: false);
                    using var chunk = connection.CreateCommand();
                    chunk.CommandText = """
                        CREATE TEMP TABLE IF NOT EXISTS posfleet_purged (version INTEGER NOT NULL);
                        DELETE FROM posfleet_purged;
                        INSERT INTO posfleet_purged SELECT version FROM sync_changes WHERE deleted = 1 AND version <= $horizon ORDER BY version LIMIT $chunk;
                        DELETE FROM sync_changes WHERE version IN (SELECT version FROM posfleet_purged);
                        UPDATE sync_change_horizon SET min_valid_version = max(min_valid_version, coalesce((SELECT max(version) FROM posfleet_purged), 0));
                        SELECT count(*) FROM posfleet_purged;
                        """;
                    chunk.Parameters.AddWithValue("$horizon", horizon);
                    chunk.Parameters.AddWithValue("$chunk", database.RetentionChunkSize);
                    var count = (long)(await chunk.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    purged += count;
                    if (count < database.RetentionChunkSize)
                    {
                        break;
                    }
                }

                return purged;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26)
            {
                throw database.Explain(ex);
            }
        }
    }
}
