using Npgsql;
using PosFleet.Notifications.Engine;

namespace PosFleet.Connectors.PostgreSql.Internal.Notifications;

internal sealed partial class PostgreSqlNotificationStore
{
    public async ValueTask<int> AddAsync(NotificationBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var added = 0;
                foreach (var d in batch.Deliveries)
                {
                    added += await ExecuteAsync(
                        connection,
                        transaction,
                        """
                        INSERT INTO notification_outbox (key, channel, recipient, address, item_kind, item_id, event_id, organization,
                            subject, text, html, link, batch_key, created_at, due_at, state, attempts, culture)
                        VALUES (@key, @channel, @recipient, @address, @kind, @item, @event, @organization,
                            @subject, @text, @html, @link, @batch, @created, @due, 0, 0, @culture)
                        ON CONFLICT DO NOTHING
                        """,
                        cancellationToken,
                        ("key", d.Key), ("channel", d.Channel.Name), ("recipient", d.RecipientId), ("address", d.Address),
                        ("kind", d.ItemKind), ("item", d.ItemId), ("event", d.EventId), ("organization", d.OrganizationId),
                        ("subject", d.Content.Subject), ("text", d.Content.Text), ("html", d.Content.Html), ("link", d.Content.Link?.OriginalString),
                        ("batch", d.BatchKey), ("created", d.CreatedAt.UtcTicks), ("due", d.DueAt.UtcTicks), ("culture", d.Culture)).ConfigureAwait(false);
                }

                foreach (var e in batch.InboxEntries)
                {
                    added += await ExecuteAsync(
                        connection,
                        transaction,
                        """
                        INSERT INTO notification_inbox (key, organization, recipient, item_kind, item_id, subject, text, link, created_at)
                        VALUES (@key, @organization, @recipient, @kind, @item, @subject, @text, @link, @created)
                        ON CONFLICT DO NOTHING
                        """,
                        cancellationToken,
                        ("key", e.Key), ("organization", e.OrganizationId), ("recipient", e.RecipientId), ("kind", e.ItemKind), ("item", e.ItemId),
                        ("subject", e.Subject), ("text", e.Text), ("link", e.Link?.OriginalString), ("created", e.CreatedAt.UtcTicks)).ConfigureAwait(false);
                }

                foreach (var s in batch.Skips)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        """
                        INSERT INTO notification_skips (key, event_id, item_kind, item_id, organization, recipient, audience, channel, reason, at)
                        VALUES (@key, @event, @kind, @item, @organization, @recipient, @audience, @channel, @reason, @at)
                        ON CONFLICT DO NOTHING
                        """,
                        cancellationToken,
                        ("key", s.Key), ("event", s.EventId), ("kind", s.ItemKind), ("item", s.ItemId), ("organization", s.OrganizationId),
                        ("recipient", s.RecipientId), ("audience", s.Audience), ("channel", s.Channel.Name), ("reason", s.Reason), ("at", s.At.UtcTicks)).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return added;
            }
        }
    }

    public async ValueTask<int> CountUnreadAsync(string organizationId, string recipientId, CancellationToken cancellationToken) =>
        (int)(long)(await database.ScalarAsync(
            "SELECT count(*) FROM notification_inbox WHERE organization = @organization AND recipient = @recipient AND read_at IS NULL",
            cancellationToken,
            ("organization", organizationId),
            ("recipient", recipientId)).ConfigureAwait(false))!;

    public async ValueTask<NotificationInboxPage> ListInboxAsync(NotificationInboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = await database.QueryAsync(
            """
            SELECT id, key, organization, recipient, item_kind, item_id, subject, text, link, created_at, read_at FROM notification_inbox
            WHERE organization = @organization AND recipient = @recipient AND (@before::bigint IS NULL OR id < @before)
                AND (NOT @unread OR read_at IS NULL)
            ORDER BY id DESC LIMIT @limit
            """,
            r => new NotificationInboxEntry
            {
                Id = r.GetInt64(0), Key = r.GetString(1), OrganizationId = r.GetString(2), RecipientId = r.GetString(3),
                ItemKind = r.GetString(4), ItemId = r.GetString(5), Subject = r.GetString(6), Text = r.GetString(7),
                Link = r.IsDBNull(8) ? null : new Uri(r.GetString(8), UriKind.RelativeOrAbsolute),
                CreatedAt = new DateTimeOffset(r.GetInt64(9), TimeSpan.Zero),
                ReadAt = r.IsDBNull(10) ? null : new DateTimeOffset(r.GetInt64(10), TimeSpan.Zero),
            },
            cancellationToken,
            ("organization", query.OrganizationId),
            ("recipient", query.RecipientId),
            ("before", query.Before),
            ("unread", query.UnreadOnly),
            ("limit", query.Limit + 1)).ConfigureAwait(false);
        var more = entries.Count > query.Limit;
        if (more)
        {
            entries.RemoveAt(entries.Count - 1);
        }

        return new NotificationInboxPage(entries, more ? entries[^1].Id : null);
    }

    public async ValueTask<int> MarkReadAsync(string organizationId, string recipientId, long? entryId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            """
            UPDATE notification_inbox SET read_at = @at
            WHERE organization = @organization AND recipient = @recipient AND read_at IS NULL AND (@id::bigint IS NULL OR id = @id)
            """,
            cancellationToken,
            ("at", at.UtcTicks),
            ("organization", organizationId),
            ("recipient", recipientId),
            ("id", entryId)).ConfigureAwait(false);

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var command = PostgreSqlDatabase.Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
