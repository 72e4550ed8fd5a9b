namespace PosFleet.Notifications.Engine;

/// <summary>The inbox over the notification store, stamping reads with the host's clock.</summary>
internal sealed class NotificationInbox(INotificationStore store, TimeProvider time) : INotificationInbox
{
    public ValueTask<int> CountUnreadAsync(string organizationId, string recipientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientId);
        return store.CountUnreadAsync(organizationId, recipientId, cancellationToken);
    }

    public ValueTask<NotificationInboxPage> ListAsync(NotificationInboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        return store.ListInboxAsync(query, cancellationToken);
    }

    public async ValueTask<bool> MarkReadAsync(string organizationId, string recipientId, long entryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientId);
        return await store.MarkReadAsync(organizationId, recipientId, entryId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) > 0;
    }

    public ValueTask<int> MarkAllReadAsync(string organizationId, string recipientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientId);
        return store.MarkReadAsync(organizationId, recipientId, null, time.GetUtcNow(), cancellationToken);
    }
}
