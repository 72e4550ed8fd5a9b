using System.Data.Common;
using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// The outbox's columns and how one row reads back, for every SQL store (linked into each connector), so that a
/// column added to the outbox is read the same everywhere.
/// </summary>
internal static class NotificationOutboxRow
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = """
        key, channel, recipient, address, item_kind, item_id, event_id, organization, subject, text, html, link, batch_key,
        created_at, due_at, state, attempts, last_error, completed_at, culture
        """;

    /// <summary>The entry of the current row, whose first columns are <see cref="Columns"/>; instants are UTC ticks.</summary>
    public static NotificationOutboxEntry Read(DbDataReader reader) => new()
    {
        Key = reader.GetString(0),
        Channel = new NotificationChannel(reader.GetString(1)),
        RecipientId = reader.GetString(2),
        Address = reader.GetString(3),
        ItemKind = reader.GetString(4),
        ItemId = reader.GetString(5),
        EventId = reader.GetString(6),
        OrganizationId = reader.GetString(7),
        Content = new NotificationContent
        {
            Subject = reader.GetString(8),
            Text = reader.GetString(9),
            Html = reader.IsDBNull(10) ? null : reader.GetString(10),
            Link = reader.IsDBNull(11) ? null : new Uri(reader.GetString(11), UriKind.RelativeOrAbsolute),
        },
        BatchKey = reader.IsDBNull(12) ? null : reader.GetString(12),
        CreatedAt = Ticks(reader, 13),
        DueAt = Ticks(reader, 14),
        State = (NotificationDeliveryState)reader.GetInt32(15),
        Attempts = reader.GetInt32(16),
        LastError = reader.IsDBNull(17) ? null : reader.GetString(17),
        CompletedAt = reader.IsDBNull(18) ? null : Ticks(reader, 18),
        Culture = reader.IsDBNull(19) ? null : reader.GetString(19),
    };

    /// <summary>The skip of the current row, whose columns are <see cref="SkipColumns"/>.</summary>
    public static NotificationSkip ReadSkip(DbDataReader reader) => new()
    {
        Key = reader.GetString(0), EventId = reader.GetString(1), ItemKind = reader.GetString(2), ItemId = reader.GetString(3),
        OrganizationId = reader.GetString(4), RecipientId = reader.GetString(5), Audience = reader.GetString(6),
        Channel = new NotificationChannel(reader.GetString(7)), Reason = reader.GetString(8), At = Ticks(reader, 9),
    };

    /// <summary>The columns <see cref="ReadSkip"/> expects, in its order.</summary>
    public const string SkipColumns = "key, event_id, item_kind, item_id, organization, recipient, audience, channel, reason, at";

    private static DateTimeOffset Ticks(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);
}
