using System.Globalization;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// The delivery status over the store's outbox and skips, merged newest first on (time, key) with a keyset cursor.
/// The storage SPI lists newest first without a cursor, so a page asks for a window that grows until it holds the
/// page past the cursor (or the store has no more): a later page reads the newer records again, which is fine for a
/// status screen and needs no change to the stores.
/// </summary>
internal sealed class NotificationDeliveries(INotificationStore store) : INotificationDeliveries
{
    public async ValueTask<NotificationDeliveryPage> QueryAsync(string organizationId, NotificationDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var after = query.After is null ? ((long Ticks, string Key)?)null : ParseCursor(query.After);
        var wantDeliveries = query.Status != NotificationStatus.Skipped;
        var wantSkips = query.Status is null or NotificationStatus.Skipped;
        NotificationDeliveryState? state = query.Status is { } s && s != NotificationStatus.Skipped ? (NotificationDeliveryState)(int)s : null;
        var window = query.Limit + 1;
        while (true)
        {
            var outboxQuery = new NotificationOutboxQuery
            {
                OrganizationId = organizationId, ItemKind = query.ItemKind, ItemId = query.ItemId, RecipientId = query.RecipientId, State = state, Limit = window,
            };
            IReadOnlyList<NotificationOutboxEntry> deliveries = wantDeliveries ? await store.QueryOutboxAsync(outboxQuery, cancellationToken).ConfigureAwait(false) : [];
            IReadOnlyList<NotificationSkip> skips = wantSkips ? await store.QuerySkipsAsync(outboxQuery, cancellationToken).ConfigureAwait(false) : [];
            var records = deliveries.Select(d => new NotificationDeliveryRecord { Key = d.Key, Status = (NotificationStatus)(int)d.State, At = d.CreatedAt, Delivery = d })
                .Concat(skips.Select(k => new NotificationDeliveryRecord { Key = k.Key, Status = NotificationStatus.Skipped, At = k.At, Skip = k }))
                .Where(r => after is not { } c || r.At.UtcTicks < c.Ticks || (r.At.UtcTicks == c.Ticks && string.CompareOrdinal(r.Key, c.Key) < 0))
                .OrderByDescending(r => r.At.UtcTicks)
                .ThenByDescending(r => r.Key, StringComparer.Ordinal)
                .ToList();
            var exhausted = deliveries.Count < window && skips.Count < window;
            if (records.Count > query.Limit || exhausted || window >= int.MaxValue / 4)
            {
                var page = records.Take(query.Limit).ToList();
                var next = records.Count > query.Limit ? string.Create(CultureInfo.InvariantCulture, $"{page[^1].At.UtcTicks}:{page[^1].Key}") : null;
                return new NotificationDeliveryPage(page, next);
            }

            window *= 4;
        }
    }

    private static (long Ticks, string Key) ParseCursor(string cursor)
    {
        var split = cursor.IndexOf(':', StringComparison.Ordinal);
        if (split <= 0 || !long.TryParse(cursor.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            throw new ArgumentException($"'{cursor}' is not a cursor a page of deliveries gave (its Next).", nameof(cursor));
        }

        return (ticks, cursor[(split + 1)..]);
    }
}
