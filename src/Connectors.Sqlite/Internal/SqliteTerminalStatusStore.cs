using System.Text.Json;
using Microsoft.Data.Sqlite;
using PosFleet.Status;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// Terminal status in the SQLite file: one row per terminal replaced by each newer heartbeat, and the sync errors in a
/// table of their own, cut to the newest per terminal in the same transaction as the insert. The board query is
/// <see cref="SqliteStatusBoardQuery"/>.
/// </summary>
internal sealed class SqliteTerminalStatusStore(SqliteDatabase database) : ITerminalStatusStore
{
    internal const string Columns = "terminal, organization, application_version, last_update, last_sync, last_error, outbox_depth, oldest_unsent, sync_interval, received_at";

    public async ValueTask RecordAsync(TerminalStatus status, int maxErrorsPerTerminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrorsPerTerminal, 1);
        await UseAsync(
            async connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    INSERT INTO status_terminals ({Columns}, version_key)
                    VALUES ($terminal, $organization, $version, $update, $sync, $error, $depth, $oldest, $interval, $received, $key)
                    ON CONFLICT (terminal) DO UPDATE SET organization = excluded.organization, application_version = excluded.application_version,
                        version_key = excluded.version_key, last_update = excluded.last_update, last_sync = excluded.last_sync,
                        last_error = excluded.last_error, outbox_depth = excluded.outbox_depth, oldest_unsent = excluded.oldest_unsent,
                        sync_interval = excluded.sync_interval, received_at = excluded.received_at
                    WHERE excluded.received_at >= status_terminals.received_at;
                    """;
                command.Parameters.AddWithValue("$terminal", status.TerminalId);
                command.Parameters.AddWithValue("$organization", status.Organization);
                command.Parameters.AddWithValue("$version", status.ApplicationVersion);
                command.Parameters.AddWithValue("$key", (object?)VersionKey.From(status.ApplicationVersion) ?? DBNull.Value);
                command.Parameters.AddWithValue("$update", (object?)status.LastUpdate?.UtcTicks ?? DBNull.Value);
                command.Parameters.AddWithValue("$sync", (object?)status.LastSync?.UtcTicks ?? DBNull.Value);
                command.Parameters.AddWithValue("$error", (object?)status.LastSyncError ?? DBNull.Value);
                command.Parameters.AddWithValue("$depth", status.OutboxDepth);
                command.Parameters.AddWithValue("$oldest", (object?)status.OldestUnsentAge?.Ticks ?? DBNull.Value);
                command.Parameters.AddWithValue("$interval", (object?)status.SyncInterval?.Ticks ?? DBNull.Value);
                command.Parameters.AddWithValue("$received", status.ReceivedAt.UtcTicks);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (status.LastSyncError is not null)
                {
                    command.CommandText = """
                        INSERT INTO status_sync_errors (terminal, organization, received_at, error) VALUES ($terminal, $organization, $received, $error);
                        DELETE FROM status_sync_errors WHERE terminal = $terminal
                            AND id <= (SELECT id FROM status_sync_errors WHERE terminal = $terminal ORDER BY id DESC LIMIT 1 OFFSET $max);
                        """;
                    command.Parameters.AddWithValue("$max", maxErrorsPerTerminal);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<TerminalStatus?> GetAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        return await UseAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {Columns} FROM status_terminals WHERE terminal = $terminal;";
                command.Parameters.AddWithValue("$terminal", terminalId);
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadStatus(reader) : null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<string>> ListOrganizationsAsync(CancellationToken cancellationToken) =>
        await UseAsync<IReadOnlyList<string>>(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT DISTINCT organization FROM status_terminals ORDER BY organization;";
                var organizations = new List<string>();
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    organizations.Add(reader.GetString(0));
                }

                return organizations;
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<StatusBoardPage> QueryAsync(StatusBoardAccess access, StatusBoardQuery query, TerminalHealthRules rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(rules);
        return await UseAsync(connection => SqliteStatusBoardQuery.RunAsync(connection, access, query, rules, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<SyncErrorPage> ListErrorsAsync(StatusBoardAccess access, SyncErrorQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        return await UseAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                var where = "terminal = $terminal";
                command.Parameters.AddWithValue("$terminal", query.TerminalId);
                if (access.Organizations is { } organizations)
                {
                    where += " AND organization IN (SELECT value FROM json_each($organizations))";
                    command.Parameters.AddWithValue("$organizations", JsonSerializer.Serialize(organizations.Order(StringComparer.Ordinal).ToArray(), StatusJsonContext.Default.StringArray));
                }

                if (query.Organization is { } organization)
                {
                    where += " AND organization = $organization";
                    command.Parameters.AddWithValue("$organization", organization);
                }

                if (query.After is not null && SyncErrorCursor.TryParse(query.After, out var after))
                {
                    where += " AND (received_at < $afterAt OR (received_at = $afterAt AND id < $afterId))";
                    command.Parameters.AddWithValue("$afterAt", after.ReceivedAtTicks);
                    command.Parameters.AddWithValue("$afterId", after.Sequence);
                }

                command.CommandText = $"SELECT terminal, organization, received_at, error, id FROM status_sync_errors WHERE {where} ORDER BY received_at DESC, id DESC LIMIT $limit;";
                command.Parameters.AddWithValue("$limit", query.Limit + 1);
                var rows = new List<(SyncErrorRecord Record, long Id)>();
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((new(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), reader.GetString(3)), reader.GetInt64(4)));
                }

                var next = SyncErrorCursor.Next(rows, query.Limit, r => new SyncErrorCursor(r.Record.ReceivedAt.UtcTicks, r.Id));
                return new SyncErrorPage(rows.Take(query.Limit).Select(r => r.Record).ToList(), next);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> PurgeErrorsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        long deleted = 0;
        while (true)
        {
            // In chunks, so that the write lock is never held long while terminals exchange.
            var chunk = await UseAsync(
                async connection =>
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "DELETE FROM status_sync_errors WHERE id IN (SELECT id FROM status_sync_errors WHERE received_at < $before LIMIT $chunk);";
                    command.Parameters.AddWithValue("$before", olderThan.UtcTicks);
                    command.Parameters.AddWithValue("$chunk", database.RetentionChunkSize);
                    return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            deleted += chunk;
            if (chunk < database.RetentionChunkSize)
            {
                return deleted;
            }
        }
    }

    /// <summary>Reads the <see cref="Columns"/> from column <paramref name="first"/> on.</summary>
    internal static TerminalStatus ReadStatus(SqliteDataReader reader, int first = 0) => new()
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

    private static DateTimeOffset? Instant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    private async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> use, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await use(connection).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }
}
