using Microsoft.Data.Sqlite;
using PosFleet.Notifications.Engine;

namespace PosFleet.Connectors.Sqlite.Internal;

internal sealed partial class SqliteNotificationStore
{
    private static int Add(SqliteConnection connection, NotificationBatch batch)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var added = 0;
        if (batch.Deliveries.Count > 0)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT OR IGNORE INTO notification_outbox (key, channel, recipient, address, item_kind, item_id, event_id, organization,
                    subject, text, html, link, batch_key, created_at, due_at, state, attempts, culture, seq)
                VALUES ($key, $channel, $recipient, $address, $kind, $item, $event, $organization,
                    $subject, $text, $html, $link, $batch, $created, $due, 0, 0, $culture,
                    (SELECT COALESCE(MAX(seq), 0) + 1 FROM notification_outbox));
                """;
            foreach (var d in batch.Deliveries)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$key", d.Key);
                insert.Parameters.AddWithValue("$channel", d.Channel.Name);
                insert.Parameters.AddWithValue("$recipient", d.RecipientId);
                insert.Parameters.AddWithValue("$address", d.Address);
                insert.Parameters.AddWithValue("$kind", d.ItemKind);
                insert.Parameters.AddWithValue("$item", d.ItemId);
                insert.Parameters.AddWithValue("$event", d.EventId);
                insert.Parameters.AddWithValue("$organization", d.OrganizationId);
                insert.Parameters.AddWithValue("$subject", d.Content.Subject);
                insert.Parameters.AddWithValue("$text", d.Content.Text);
                insert.Parameters.AddWithValue("$html", (object?)d.Content.Html ?? DBNull.Value);
                insert.Parameters.AddWithValue("$link", (object?)d.Content.Link?.OriginalString ?? DBNull.Value);
                insert.Parameters.AddWithValue("$batch", (object?)d.BatchKey ?? DBNull.Value);
                insert.Parameters.AddWithValue("$created", d.CreatedAt.UtcTicks);
                insert.Parameters.AddWithValue("$due", d.DueAt.UtcTicks);
                insert.Parameters.AddWithValue("$culture", (object?)d.Culture ?? DBNull.Value);
                added += insert.ExecuteNonQuery();
            }
        }

        if (batch.InboxEntries.Count > 0)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT OR IGNORE INTO notification_inbox (key, organization, recipient, item_kind, item_id, subject, text, link, created_at)
                VALUES ($key, $organization, $recipient, $kind, $item, $subject, $text, $link, $created);
                """;
            foreach (var e in batch.InboxEntries)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$key", e.Key);
                insert.Parameters.AddWithValue("$organization", e.OrganizationId);
                insert.Parameters.AddWithValue("$recipient", e.RecipientId);
                insert.Parameters.AddWithValue("$kind", e.ItemKind);
                insert.Parameters.AddWithValue("$item", e.ItemId);
                insert.Parameters.AddWithValue("$subject", e.Subject);
                insert.Parameters.AddWithValue("$text", e.Text);
                insert.Parameters.AddWithValue("$link", (object?)e.Link?.OriginalString ?? DBNull.Value);
                insert.Parameters.AddWithValue("$created", e.CreatedAt.UtcTicks);
                added += insert.ExecuteNonQuery();
            }
        }

        if (batch.Skips.Count > 0)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT OR IGNORE INTO notification_skips (key, event_id, item_kind, item_id, organization, recipient, audience, channel, reason, at, seq)
                VALUES ($key, $event, $kind, $item, $organization, $recipient, $audience, $channel, $reason, $at,
                    (SELECT COALESCE(MAX(seq), 0) + 1 FROM notification_skips));
                """;
            foreach (var s in batch.Skips)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$key", s.Key);
                insert.Parameters.AddWithValue("$event", s.EventId);
                insert.Parameters.AddWithValue("$kind", s.ItemKind);
                insert.Parameters.AddWithValue("$item", s.ItemId);
                insert.Parameters.AddWithValue("$organization", s.OrganizationId);
                insert.Parameters.AddWithValue("$recipient", s.RecipientId);
                insert.Parameters.AddWithValue("$audience", s.Audience);
                insert.Parameters.AddWithValue("$channel", s.Channel.Name);
                insert.Parameters.AddWithValue("$reason", s.Reason);
                insert.Parameters.AddWithValue("$at", s.At.UtcTicks);
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return added;
    }

    public async ValueTask<int> CountUnreadAsync(string organizationId, string recipientId, CancellationToken cancellationToken)
    {
        return await ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM notification_inbox WHERE organization = $organization AND recipient = $recipient AND read_at IS NULL;";
                command.Parameters.AddWithValue("$organization", organizationId);
                command.Parameters.AddWithValue("$recipient", recipientId);
                return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<NotificationInboxPage> ListInboxAsync(NotificationInboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT id, key, organization, recipient, item_kind, item_id, subject, text, link, created_at, read_at FROM notification_inbox
                    WHERE organization = $organization AND recipient = $recipient
                    {(query.Before is null ? "" : "AND id < $before")} {(query.UnreadOnly ? "AND read_at IS NULL" : "")}
                    ORDER BY id DESC LIMIT $limit;
                    """;
                command.Parameters.AddWithValue("$organization", query.OrganizationId);
                command.Parameters.AddWithValue("$recipient", query.RecipientId);
                command.Parameters.AddWithValue("$before", query.Before ?? 0);
                command.Parameters.AddWithValue("$limit", query.Limit + 1);
                using var reader = command.ExecuteReader();
                var entries = new List<NotificationInboxEntry>();
                while (reader.Read())
                {
                    entries.Add(new NotificationInboxEntry
                    {
                        Id = reader.GetInt64(0), Key = reader.GetString(1), OrganizationId = reader.GetString(2), RecipientId = reader.GetString(3),
                        ItemKind = reader.GetString(4), ItemId = reader.GetString(5), Subject = reader.GetString(6), Text = reader.GetString(7),
                        Link = reader.IsDBNull(8) ? null : new Uri(reader.GetString(8), UriKind.RelativeOrAbsolute),
                        CreatedAt = new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero),
                        ReadAt = reader.IsDBNull(10) ? null : new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero),
                    });
                }

                var more = entries.Count > query.Limit;
                if (more)
                {
                    entries.RemoveAt(entries.Count - 1);
                }

                return new NotificationInboxPage(entries, more ? entries[^1].Id : null);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> MarkReadAsync(string organizationId, string recipientId, long? entryId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        return await WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    UPDATE notification_inbox SET read_at = $at
                    WHERE organization = $organization AND recipient = $recipient AND read_at IS NULL {(entryId is null ? "" : "AND id = $id")};
                    """;
                command.Parameters.AddWithValue("$at", at.UtcTicks);
                command.Parameters.AddWithValue("$organization", organizationId);
                command.Parameters.AddWithValue("$recipient", recipientId);
                command.Parameters.AddWithValue("$id", entryId ?? 0);
                return command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
    }
}
