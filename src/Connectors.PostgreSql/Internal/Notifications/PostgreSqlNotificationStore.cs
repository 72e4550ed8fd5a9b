using Npgsql;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Connectors.PostgreSql.Internal.Notifications;

/// <summary>
/// The notification engine's outbox, skips and inboxes on PostgreSQL (migration 0007). The idempotency keys are
/// primary keys, so adding a record twice is a no-op (<c>ON CONFLICT DO NOTHING</c>); a batch of one event is one
/// transaction. Dispatchers of several instances claim due deliveries with <c>FOR UPDATE SKIP LOCKED</c>: each row
/// is claimed by one of them, the others pass over it rather than wait; the claim's token, renewed while its dispatcher
/// works, keeps one that outlived its lease from sending or recording what another claimed since.
/// </summary>
internal sealed partial class PostgreSqlNotificationStore(PostgreSqlDatabase database) : INotificationStore
{
    private const string OutboxColumns = NotificationOutboxRow.Columns;

    public async ValueTask<DateTimeOffset?> GetBatchDueAsync(string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batchKey);
        return await database.ScalarAsync(
            "SELECT min(due_at) FROM notification_outbox WHERE state = 0 AND batch_key = @batch AND lease_until IS NULL AND attempts = 0",
            cancellationToken,
            ("batch", batchKey)).ConfigureAwait(false) is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    public async ValueTask<IReadOnlyList<NotificationOutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, Guid claimToken, CancellationToken cancellationToken)
    {
        // One statement: the rows are locked as they are chosen (a row another dispatcher holds is skipped, not waited
        // for), then leased; the lease outlives the transaction, and a dispatcher that dies loses its claim when it lapses.
        var claimed = await database.QueryAsync(
            $"""
            WITH due AS (
                SELECT key FROM notification_outbox
                WHERE state = 0 AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
                ORDER BY due_at, seq LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE notification_outbox o SET lease_until = @lease, claim_token = @token FROM due WHERE o.key = due.key
            RETURNING {string.Join(", ", OutboxColumns.Split(',', StringSplitOptions.TrimEntries).Select(c => "o." + c))}, o.seq
            """,
            ReadOutbox,
            cancellationToken,
            ("now", now.UtcTicks),
            ("lease", (now + lease).UtcTicks),
            ("token", claimToken),
            ("limit", limit)).ConfigureAwait(false);

        // RETURNING keeps no order: oldest due first, as they were chosen.
        return [.. claimed.OrderBy(e => e.Entry.DueAt).ThenBy(e => e.Seq).Select(e => e.Entry)];
    }

    public async ValueTask<IReadOnlyList<string>> RenewClaimsAsync(IReadOnlyList<string> keys, Guid claimToken, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        return await database.QueryAsync(
            "UPDATE notification_outbox SET lease_until = @lease WHERE key = ANY(@keys) AND state = 0 AND claim_token = @token RETURNING key",
            r => r.GetString(0),
            cancellationToken,
            ("lease", leaseUntil.UtcTicks),
            ("keys", keys.ToArray()),
            ("token", claimToken)).ConfigureAwait(false);
    }

    public async ValueTask<int> RecordAttemptsAsync(IReadOnlyList<NotificationAttempt> attempts, Guid claimToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return 0;
        }

        // One statement for the whole group, from arrays; an entry already sent or failed keeps its outcome, and one
        // another dispatcher claimed since (its token replaced ours) is theirs to record.
        return await database.ExecuteAsync(
            """
            UPDATE notification_outbox o
            SET state = a.state, attempts = a.attempts, due_at = a.due, last_error = a.error, completed_at = a.completed, lease_until = NULL, claim_token = NULL
            FROM unnest(@keys, @states, @counts, @dues, @errors, @completed) AS a(key, state, attempts, due, error, completed)
            WHERE o.key = a.key AND o.state = 0 AND o.claim_token = @token
            """,
            cancellationToken,
            ("token", claimToken),
            ("keys", attempts.Select(a => a.Key).ToArray()),
            ("states", attempts.Select(a => (int)a.State).ToArray()),
            ("counts", attempts.Select(a => a.Attempts).ToArray()),
            ("dues", attempts.Select(a => a.DueAt.UtcTicks).ToArray()),
            ("errors", attempts.Select(a => a.Error).ToArray()),
            ("completed", attempts.Select(a => a.State == NotificationDeliveryState.Pending ? (long?)null : a.At.UtcTicks).ToArray())).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<NotificationOutboxEntry>> QueryOutboxAsync(NotificationOutboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await database.QueryAsync(
            $"""
            SELECT {OutboxColumns}, seq FROM notification_outbox
            WHERE {Filters} AND (@state::integer IS NULL OR state = @state){Page(query, "created_at")}
            ORDER BY created_at DESC, key DESC LIMIT @limit
            """,
            ReadOutbox,
            cancellationToken,
            [.. FilterParameters(query), .. PageParameters(query), ("state", query.State is { } s ? (int)s : null), ("limit", query.Limit)]).ConfigureAwait(false);
        return [.. rows.Select(r => r.Entry)];
    }

    public async ValueTask<IReadOnlyList<NotificationSkip>> QuerySkipsAsync(NotificationOutboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await database.QueryAsync(
            $"""
            SELECT {NotificationOutboxRow.SkipColumns} FROM notification_skips
            WHERE {Filters}{Page(query, "at")} ORDER BY at DESC, key DESC LIMIT @limit
            """,
            NotificationOutboxRow.ReadSkip,
            cancellationToken,
            [.. FilterParameters(query), .. PageParameters(query), ("limit", query.Limit)]).ConfigureAwait(false);
    }

    /// <summary>The filters of a query: the organization always, the others optional (a NULL parameter matches every row).</summary>
    private const string Filters = """
        organization = @organization AND (@kind::text IS NULL OR item_kind = @kind) AND (@item::text IS NULL OR item_id = @item)
        AND (@event::text IS NULL OR event_id = @event) AND (@recipient::text IS NULL OR recipient = @recipient)
        """;

    private static (string, object?)[] FilterParameters(NotificationOutboxQuery query) =>
        [("organization", query.OrganizationId ?? throw new ArgumentException("The query names no organization.", nameof(query))), ("kind", query.ItemKind), ("item", query.ItemId), ("event", query.EventId), ("recipient", query.RecipientId)];

    /// <summary>
    /// Newest first on (time, key), from the query's cursor on. The clause is there only with a cursor, so that the first
    /// page's plan is a plain walk of the (organization, time, key) index rather than one built for either case.
    /// </summary>
    private static string Page(NotificationOutboxQuery query, string timeColumn) =>
        query.Before is null ? "" : $" AND ({timeColumn}, key) < (@before_at, @before_key)";

    private static (string, object?)[] PageParameters(NotificationOutboxQuery query) =>
        query.Before is { } before ? [("before_at", before.At.UtcTicks), ("before_key", before.Key)] : [];

    private static (NotificationOutboxEntry Entry, long Seq) ReadOutbox(NpgsqlDataReader reader) => (NotificationOutboxRow.Read(reader), reader.GetInt64(20));
}
