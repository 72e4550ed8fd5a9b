namespace PosFleet.Notifications.Push;

/// <summary>
/// Where the push subscriptions of the recipients are kept (memory, SQLite …). The web back office adds one when a
/// browser subscribes and removes it when the user turns notifications off; the push notifier lists a recipient's
/// subscriptions to deliver, and removes those the push service reports gone (404, 410). Everything is scoped by
/// organization: another organization's subscription is not found, neither listed nor removed.
/// </summary>
public interface IPushSubscriptionStore
{
    /// <summary>Adds <paramref name="subscription"/>, or replaces the one with the same endpoint (a browser that subscribed again, or a new recipient on a shared browser).</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the endpoint was not stored before.</returns>
    ValueTask<bool> AddAsync(PushSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Removes the subscription with this endpoint in <paramref name="organizationId"/>, whichever of its recipients it belongs to.</summary>
    /// <param name="organizationId">The organization; a subscription of another organization is not found and stays.</param>
    /// <param name="endpoint">The subscription's endpoint.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was stored in that organization.</returns>
    ValueTask<bool> RemoveAsync(string organizationId, Uri endpoint, CancellationToken cancellationToken);

    /// <summary>The subscriptions of one recipient of one organization, oldest first; empty when they have none.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="recipientId">The recipient's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recipient's subscriptions in that organization.</returns>
    ValueTask<IReadOnlyList<PushSubscription>> ListAsync(string organizationId, string recipientId, CancellationToken cancellationToken);
}
