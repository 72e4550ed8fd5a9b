using Npgsql;
using PosFleet.Status;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// Terminal status on PostgreSQL: one row per terminal replaced by each newer heartbeat (the upsert's condition keeps
/// a late heartbeat from going back in time, whichever instance receives it), and the sync errors in a table of their
/// own, cut to the newest per terminal in the insert's transaction. The board query is <see cref="PostgreSqlStatusBoardQuery"/>.
/// </summary>
internal sealed class PostgreSqlTerminalStatusStore(PostgreSqlDatabase database) : ITerminalStatusStore
{
    internal const string Columns = "terminal, organization, application_version, last_update, last_sync, last_error, outbox_depth, oldest_unsent, sync_interval, received_at";

    public async ValueTask RecordAsync(TerminalStatus status, int maxErrorsPerTerminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrorsPerTerminal, 1);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using (var upsert = PostgreSqlDatabase.Command(
                    connection,
                    transaction,
                    $"""
                    INSERT INTO status_terminals ({Columns}, version_key)
                    VALUES (@terminal, @organization, @version, @update, @sync, @error, @depth, @oldest, @interval, @received, @key)
                    ON CONFLICT (terminal) DO UPDATE SET organization = EXCLUDED.organization, application_version = EXCLUDED.application_version,
                        version_key = EXCLUDED.version_key, last_update = EXCLUDED.last_update, last_sync = EXCLUDED.last_sync,
                        last_error = EXCLUDED.last_error, outbox_depth = EXCLUDED.outbox_depth, oldest_unsent = EXCLUDED.oldest_unsent,
                        sync_interval = EXCLUDED.sync_interval, received_at = EXCLUDED.received_at
                    WHERE EXCLUDED.received_at >= status_terminals.received_at
                    """,
                    ("terminal", status.TerminalId),
                    ("organization", status.Organization),
                    ("version", status.ApplicationVersion),
                    ("key", VersionKey.From(status.ApplicationVersion)),
                    ("update", status.LastUpdate?.UtcTicks),
                    ("sync", status.LastSync?.UtcTicks),
                    ("error", status.LastSyncError),
                    ("depth", status.OutboxDepth),
                    ("oldest", status.OldestUnsentAge?.Ticks),
                    ("interval", status.SyncInterval?.Ticks),
                    ("received", status.ReceivedAt.UtcTicks)))
                {
                    await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (status.LastSyncError is not null)
                {
                    using var insert = PostgreSqlDatabase.Command(
                        connection,
                        transaction,
                        """
                        INSERT INTO status_sync_errors (terminal, organization, received_at, error) VALUES (@terminal, @organization, @received, @error);
                        DELETE FROM status_sync_errors WHERE terminal = @terminal
                            AND id <= (SELECT id FROM status_sync_errors WHERE terminal = @terminal ORDER BY id DESC LIMIT 1 OFFSET @max);
                        """,
                        ("terminal", status.TerminalId),
                        ("organization", status.Organization),
                        ("received", status.ReceivedAt.UtcTicks),
                        ("error", status.LastSyncError),
                        ("max", maxErrorsPerTerminal));
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<TerminalStatus?> GetAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        return (await database.QueryAsync($"SELECT {Columns} FROM status_terminals WHERE terminal = @terminal", r => ReadStatus(r), cancellationToken, ("terminal", terminalId))
            .ConfigureAwait(false)).FirstOrDefault();
    }

    public async ValueTask<IReadOnlyList<string>> ListOrganizationsAsync(CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT DISTINCT organization FROM status_terminals ORDER BY organization", r => r.GetString(0), cancellationToken).ConfigureAwait(false);

    public async ValueTask<StatusBoardPage> QueryAsync(StatusBoardAccess access, StatusBoardQuery query, TerminalHealthRules rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(rules);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await PostgreSqlStatusBoardQuery.RunAsync(connection, access, query, rules, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<SyncErrorPage> ListErrorsAsync(StatusBoardAccess access, SyncErrorQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        var after = query.After is not null && SyncErrorCursor.TryParse(query.After, out var c) ? c : (SyncErrorCursor?)null;
        // NULL parameters switch a condition off, so the statement is one text whatever is filtered.
        var rows = await database.QueryAsync(
            """
            SELECT terminal, organization, received_at, error, id FROM status_sync_errors
            WHERE terminal = @terminal
                AND (@all OR organization = ANY(@organizations))
                AND (@organization::text IS NULL OR organization = @organization)
                AND (@afterAt::bigint IS NULL OR received_at < @afterAt OR (received_at = @afterAt AND id < @afterId))
            ORDER BY received_at DESC, id DESC LIMIT @limit
            """,
            r => (Record: new SyncErrorRecord(r.GetString(0), r.GetString(1), new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero), r.GetString(3)), Id: r.GetInt64(4)),
            cancellationToken,
            ("terminal", (object?)query.TerminalId),
            ("all", access.Organizations is null),
            ("organizations", (access.Organizations ?? (IEnumerable<string>)[]).ToArray()),
            ("organization", query.Organization),
            ("afterAt", after?.ReceivedAtTicks),
            ("afterId", after?.Sequence ?? 0L),
            ("limit", query.Limit + 1)).ConfigureAwait(false);
        var next = SyncErrorCursor.Next(rows, query.Limit, r => new SyncErrorCursor(r.Record.ReceivedAt.UtcTicks, r.Id));
        return new SyncErrorPage(rows.Take(query.Limit).Select(r => r.Record).ToList(), next);
    }

    public async ValueTask<long> PurgeErrorsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        long deleted = 0;
        while (true)
        {
            // In chunks, as the SQLite store does: a year of history is never one long transaction holding its row locks
            // and bloating the WAL while terminals exchange.
            var chunk = await database.ExecuteAsync(
                "DELETE FROM status_sync_errors WHERE id IN (SELECT id FROM status_sync_errors WHERE received_at < @before LIMIT @chunk)",
                cancellationToken,
                ("before", olderThan.UtcTicks),
                ("chunk", PurgeChunkSize)).ConfigureAwait(false);
            deleted += chunk;
            if (chunk < PurgeChunkSize)
            {
                return deleted;
            }
        }
    }

    /// <summary>How many sync errors one purge statement deletes.</summary>
    internal const int PurgeChunkSize = 10_000;

    /// <summary>Reads the <see cref="Columns"/> from column <paramref name="first"/> on.</summary>
    internal static TerminalStatus ReadStatus(NpgsqlDataReader reader, int first = 0) => new()
    {
        TerminalId = reader.GetString(first),
        Organization = reader.GetString(first + 1),
        ApplicationVersion = reader.GetString(first + 2),
        LastUpdate = Instant(reader, first + 3),
        LastSync = Instant(reader, first + 4),
        LastSyncError = reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
        OutboxDepth = reader.GetInt64(first + 6),
        OldestUnsentAge = reader.IsDBNull(first + 7) ? null : TimeSpan.FromTicks(reader.GetInt64(first + 7)),
        SyncInterval = reader.IsDBNull(first + 8) ? null : TimeSpan.FromTicks(reader.GetInt64(first + 8)),
        ReceivedAt = new DateTimeOffset(reader.GetInt64(first + 9), TimeSpan.Zero),
    };

    private static DateTimeOffset? Instant(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);
}
