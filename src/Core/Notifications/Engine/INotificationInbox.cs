namespace PosFleet.Notifications.Engine;

/// <summary>The in-app inbox a back office shows as its bell: unread count, newest-first pages, mark read.</summary>
public interface INotificationInbox
{
    /// <summary>How many unread notifications <paramref name="recipientId"/> has in <paramref name="organizationId"/>.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="recipientId">The person (a user id).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The unread count.</returns>
    ValueTask<int> CountUnreadAsync(string organizationId, string recipientId, CancellationToken cancellationToken = default);

    /// <summary>A page of the inbox, newest first.</summary>
    /// <param name="query">The inbox and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; pass its <see cref="NotificationInboxPage.NextBefore"/> as <see cref="NotificationInboxQuery.Before"/> for the next.</returns>
    ValueTask<NotificationInboxPage> ListAsync(NotificationInboxQuery query, CancellationToken cancellationToken = default);

    /// <summary>Marks one entry read.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="recipientId">The person; only their own entry is marked.</param>
    /// <param name="entryId">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was unread and is now read.</returns>
    ValueTask<bool> MarkReadAsync(string organizationId, string recipientId, long entryId, CancellationToken cancellationToken = default);

    /// <summary>Marks every entry of the person's inbox read.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="recipientId">The person.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were unread.</returns>
    ValueTask<int> MarkAllReadAsync(string organizationId, string recipientId, CancellationToken cancellationToken = default);
}
