using System.Globalization;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// The delivery status over the store's outbox and skips, merged newest first on (time, key) with a keyset cursor
/// that the store applies itself: each list is read from the cursor on, one more than the page, so a page is exact
/// whatever ties in time or records added since. The cursor is checked here too: a store that hands back a row at or
/// before it (one that ignores the cursor) is a broken store, and the query fails naming it rather than repeating rows
/// or hiding the older ones.
/// </summary>
internal sealed class NotificationDeliveries(INotificationStore store) : INotificationDeliveries
{
    public async ValueTask<NotificationDeliveryPage> QueryAsync(string organizationId, NotificationDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var after = query.After is null ? null : ParseCursor(query.After);
        var wantDeliveries = query.Status != NotificationStatus.Skipped;
        var wantSkips = query.Status is null or NotificationStatus.Skipped;
        NotificationDeliveryState? state = query.Status is { } s && s != NotificationStatus.Skipped ? (NotificationDeliveryState)(int)s : null;
        var outboxQuery = new NotificationOutboxQuery
        {
            OrganizationId = organizationId, ItemKind = query.ItemKind, ItemId = query.ItemId, RecipientId = query.RecipientId, State = state,
            Before = after, Limit = query.Limit + 1,
        };
        IReadOnlyList<NotificationOutboxEntry> deliveries = wantDeliveries ? await store.QueryOutboxAsync(outboxQuery, cancellationToken).ConfigureAwait(false) : [];
        IReadOnlyList<NotificationSkip> skips = wantSkips ? await store.QuerySkipsAsync(outboxQuery, cancellationToken).ConfigureAwait(false) : [];
        var records = deliveries.Select(d => new NotificationDeliveryRecord { Key = d.Key, Status = (NotificationStatus)(int)d.State, At = d.CreatedAt, Delivery = d })
            .Concat(skips.Select(k => new NotificationDeliveryRecord { Key = k.Key, Status = NotificationStatus.Skipped, At = k.At, Skip = k }))
            .OrderByDescending(r => r.At.UtcTicks)
            .ThenByDescending(r => r.Key, StringComparer.Ordinal)
            .ToList();
        // A host's store that ignores the cursor hands back the rows of the pages before: dropping them would end the
        // pages early and hide the older rows, keeping them would repeat rows without end. Neither is an answer.
        if (after is not null && records.Find(r => !IsPast(r, after)) is { } behind)
        {
            throw new InvalidOperationException(
                $"The notification store {store.GetType().FullName} returned the {(behind.Skip is null ? "delivery" : "skip")} '{behind.Key}', which is not past the page's cursor: "
                + "it ignores NotificationOutboxQuery.Before in QueryOutboxAsync or QuerySkipsAsync. Apply the cursor in the store (rows strictly older, or as old with a key that sorts before it) "
                + "and run PosFleet.Testing's NotificationStoreConformanceTests against it.");
        }

        var page = records.Take(query.Limit).ToList();
        var next = records.Count > query.Limit ? string.Create(CultureInfo.InvariantCulture, $"{page[^1].At.UtcTicks}:{page[^1].Key}") : null;
        return new NotificationDeliveryPage(page, next);
    }

    // Past the cursor in the newest-first order: older, or as old with a key that sorts (ordinally) before the cursor's.
    private static bool IsPast(NotificationDeliveryRecord record, NotificationOutboxCursor cursor) =>
        record.At.UtcTicks < cursor.At.UtcTicks || (record.At.UtcTicks == cursor.At.UtcTicks && string.CompareOrdinal(record.Key, cursor.Key) < 0);

    private static NotificationOutboxCursor ParseCursor(string cursor)
    {
        var split = cursor.IndexOf(':', StringComparison.Ordinal);
        if (split <= 0 || !long.TryParse(cursor.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new ArgumentException($"'{cursor}' is not a cursor a page of deliveries gave (its Next).", nameof(cursor));
        }

        return new NotificationOutboxCursor(new DateTimeOffset(ticks, TimeSpan.Zero), cursor[(split + 1)..]);
    }
}
