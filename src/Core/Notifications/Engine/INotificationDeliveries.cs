namespace PosFleet.Notifications.Engine;

/// <summary>
/// The delivery status a back office shows: an organization's queued, sent and failed notifications (attempts, last
/// error) and the recipients skipped with their reason, newest first. Another organization's records are never listed.
/// </summary>
public interface INotificationDeliveries
{
    /// <summary>A page of <paramref name="organizationId"/>'s deliveries and skips, newest first.</summary>
    /// <param name="organizationId">The organization (required).</param>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; pass its <see cref="NotificationDeliveryPage.Next"/> as <see cref="NotificationDeliveryQuery.After"/> for the next.</returns>
    /// <exception cref="ArgumentException">The organization is blank, the limit below 1 or the cursor not one a page gave.</exception>
    ValueTask<NotificationDeliveryPage> QueryAsync(string organizationId, NotificationDeliveryQuery query, CancellationToken cancellationToken = default);
}
