using Microsoft.Data.Sqlite;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The notification engine's outbox, skips and inboxes on SQLite. Every write runs in <c>BEGIN IMMEDIATE</c>, so a batch
/// of one event is all there or not at all, and two processes sharing the file take turns claiming (a claim carries
/// its dispatcher's token, which renewals and records must match); the primary keys (the idempotency keys) make adding
/// a record twice a no-op.
/// </summary>
internal sealed partial class SqliteNotificationStore(SqliteDatabase database) : INotificationStore, IDisposable
{
    private const string OutboxColumns = NotificationOutboxRow.Columns;

    // One writer per process: the others would only spin on the busy timeout.
    private readonly SemaphoreSlim _write = new(1, 1);

    public void Dispose() => _write.Dispose();

    public async ValueTask<int> AddAsync(NotificationBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return await WriteAsync(connection => Add(connection, batch), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<DateTimeOffset?> GetBatchDueAsync(string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batchKey);
        return await ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT MIN(due_at) FROM notification_outbox WHERE state = 0 AND batch_key = $batch AND lease_until IS NULL AND attempts = 0;";
                command.Parameters.AddWithValue("$batch", batchKey);
                return command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<NotificationOutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, Guid claimToken, CancellationToken cancellationToken)
    {
        return await WriteAsync<IReadOnlyList<NotificationOutboxEntry>>(
            connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                using var select = connection.CreateCommand();
                select.CommandText = $"""
                    SELECT {OutboxColumns} FROM notification_outbox
                    WHERE state = 0 AND due_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                    ORDER BY due_at, seq LIMIT $limit;
                    """;
                select.Parameters.AddWithValue("$now", now.UtcTicks);
                select.Parameters.AddWithValue("$limit", limit);
                var claimed = ReadOutbox(select);
                using var update = connection.CreateCommand();
                update.CommandText = "UPDATE notification_outbox SET lease_until = $lease, claim_token = $token WHERE key = $key;";
                update.Parameters.AddWithValue("$lease", (now + lease).UtcTicks);
                update.Parameters.AddWithValue("$token", claimToken.ToString("N"));
                var key = update.Parameters.Add("$key", SqliteType.Text);
                foreach (var entry in claimed)
                {
                    key.Value = entry.Key;
                    update.ExecuteNonQuery();
                }

                transaction.Commit();
                return claimed;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<string>> RenewClaimsAsync(IReadOnlyList<string> keys, Guid claimToken, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return await WriteAsync<IReadOnlyList<string>>(
            connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                using var update = connection.CreateCommand();
                update.CommandText = "UPDATE notification_outbox SET lease_until = $lease WHERE key = $key AND state = 0 AND claim_token = $token;";
                update.Parameters.AddWithValue("$lease", leaseUntil.UtcTicks);
                update.Parameters.AddWithValue("$token", claimToken.ToString("N"));
                var key = update.Parameters.Add("$key", SqliteType.Text);
                var held = new List<string>(keys.Count);
                foreach (var k in keys)
                {
                    key.Value = k;
                    if (update.ExecuteNonQuery() == 1)
                    {
                        held.Add(k);
                    }
                }

                transaction.Commit();
                return held;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> RecordAttemptsAsync(IReadOnlyList<NotificationAttempt> attempts, Guid claimToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        return await WriteAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                using var update = connection.CreateCommand();
                update.CommandText = """
                    UPDATE notification_outbox
                    SET state = $state, attempts = $attempts, due_at = $due, last_error = $error, completed_at = $completed, lease_until = NULL, claim_token = NULL
                    WHERE key = $key AND state = 0 AND claim_token = $token;
                    """;
                update.Parameters.AddWithValue("$token", claimToken.ToString("N"));
                var recorded = 0;
                var key = update.Parameters.Add("$key", SqliteType.Text);
                var state = update.Parameters.Add("$state", SqliteType.Integer);
                var count = update.Parameters.Add("$attempts", SqliteType.Integer);
                var due = update.Parameters.Add("$due", SqliteType.Integer);
                var error = update.Parameters.Add("$error", SqliteType.Text);
                var completed = update.Parameters.Add("$completed", SqliteType.Integer);
                foreach (var attempt in attempts)
                {
                    key.Value = attempt.Key;
                    state.Value = (int)attempt.State;
                    count.Value = attempt.Attempts;
                    due.Value = attempt.DueAt.UtcTicks;
                    error.Value = (object?)attempt.Error ?? DBNull.Value;
                    completed.Value = attempt.State == NotificationDeliveryState.Pending ? DBNull.Value : attempt.At.UtcTicks;
                    recorded += update.ExecuteNonQuery();
                }

                transaction.Commit();
                return recorded;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<NotificationOutboxEntry>> QueryOutboxAsync(NotificationOutboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                var sql = $"SELECT {OutboxColumns} FROM notification_outbox WHERE 1 = 1" + Filters(command, query, recipientColumn: "recipient");
                if (query.State is { } s)
                {
                    sql += " AND state = $state";
                    command.Parameters.AddWithValue("$state", (int)s);
                }

                command.CommandText = sql + Page(command, query, timeColumn: "created_at") + " LIMIT $limit;";
                command.Parameters.AddWithValue("$limit", query.Limit);
                return ReadOutbox(command);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<NotificationSkip>> QuerySkipsAsync(NotificationOutboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadAsync<IReadOnlyList<NotificationSkip>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {NotificationOutboxRow.SkipColumns} FROM notification_skips WHERE 1 = 1"
                    + Filters(command, query, recipientColumn: "recipient") + Page(command, query, timeColumn: "at") + " LIMIT $limit;";
                command.Parameters.AddWithValue("$limit", query.Limit);
                using var reader = command.ExecuteReader();
                var skips = new List<NotificationSkip>();
                while (reader.Read())
                {
                    skips.Add(NotificationOutboxRow.ReadSkip(reader));
                }

                return skips;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static string Filters(SqliteCommand command, NotificationOutboxQuery query, string recipientColumn)
    {
        ArgumentNullException.ThrowIfNull(query.OrganizationId);
        // The organization always: another organization's deliveries are not found.
        var sql = " AND organization = $organization";
        command.Parameters.AddWithValue("$organization", query.OrganizationId);
        Add("item_kind", "$kind", query.ItemKind);
        Add("item_id", "$item", query.ItemId);
        Add("event_id", "$event", query.EventId);
        Add(recipientColumn, "$recipient", query.RecipientId);
        return sql;

        void Add(string column, string parameter, string? value)
        {
            if (value is not null)
            {
                sql += $" AND {column} = {parameter}";
                command.Parameters.AddWithValue(parameter, value);
            }
        }
    }

    /// <summary>Newest first on (time, key), from the query's cursor on: the order the delivery status pages through.</summary>
    private static string Page(SqliteCommand command, NotificationOutboxQuery query, string timeColumn)
    {
        if (query.Before is not { } before)
        {
            return $" ORDER BY {timeColumn} DESC, key DESC";
        }

        command.Parameters.AddWithValue("$before_at", before.At.UtcTicks);
        command.Parameters.AddWithValue("$before_key", before.Key);
        return $" AND ({timeColumn}, key) < ($before_at, $before_key) ORDER BY {timeColumn} DESC, key DESC";
    }

    private static List<NotificationOutboxEntry> ReadOutbox(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<NotificationOutboxEntry>();
        while (reader.Read())
        {
            entries.Add(NotificationOutboxRow.Read(reader));
        }

        return entries;
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadAsync(write, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _write.Release();
        }
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return read(connection);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }
}
