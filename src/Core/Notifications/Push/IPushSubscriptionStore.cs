namespace PosFleet.Notifications.Push;

/// <summary>
/// Where the push subscriptions of the recipients are kept (memory, SQLite …). The web back office adds one when a
/// browser subscribes and removes it when the user turns notifications off; the push notifier lists a recipient's
/// subscriptions to deliver, and removes those the push service reports gone (404, 410).
/// </summary>
public interface IPushSubscriptionStore
{
    /// <summary>Adds <paramref name="subscription"/>, or replaces the one with the same endpoint (a browser that subscribed again, or a new recipient on a shared browser).</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the endpoint was not stored before.</returns>
    ValueTask<bool> AddAsync(PushSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Removes the subscription with this endpoint, whoever it belongs to.</summary>
    /// <param name="endpoint">The subscription's endpoint.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was stored.</returns>
    ValueTask<bool> RemoveAsync(Uri endpoint, CancellationToken cancellationToken);

    /// <summary>The subscriptions of one recipient, oldest first; empty when they have none.</summary>
    /// <param name="recipientId">The recipient's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recipient's subscriptions.</returns>
    ValueTask<IReadOnlyList<PushSubscription>> ListAsync(string recipientId, CancellationToken cancellationToken);
}
