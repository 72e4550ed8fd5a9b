namespace PosFleet.Notifications.Push;

/// <summary>
/// Where the push subscriptions of the recipients are kept (memory, SQLite …). The web back office adds one when a
/// browser subscribes and removes it when the user turns notifications off; the push notifier lists a recipient's
/// subscriptions to deliver, and removes those the push service reports gone (404, 410). Everything is scoped by
/// organization and a removal by recipient too: another organization's subscription is not found, neither listed nor
/// removed, and a user removes only their own.
/// </summary>
public interface IPushSubscriptionStore
{
    /// <summary>
    /// Adds <paramref name="subscription"/>, or replaces the keys of the one with the same endpoint when it belongs to
    /// the same recipient of the same organization (a browser that subscribed again). An endpoint held by anyone else
    /// is left as it is: a subscribe never moves an endpoint to another user or organization.
    /// </summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the endpoint was added, its keys updated, or refused because another recipient holds it.</returns>
    ValueTask<PushSubscriptionAddResult> AddAsync(PushSubscription subscription, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the subscription with this endpoint when <paramref name="recipientId"/> of <paramref name="organizationId"/>
    /// holds it, in one statement: an endpoint held by anyone else is not found and stays.
    /// </summary>
    /// <param name="organizationId">The organization; a subscription of another organization is not found and stays.</param>
    /// <param name="recipientId">The recipient whose subscription it must be; another recipient's is not found and stays.</param>
    /// <param name="endpoint">The subscription's endpoint.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether that recipient held it in that organization.</returns>
    ValueTask<bool> RemoveAsync(string organizationId, string recipientId, Uri endpoint, CancellationToken cancellationToken);

    /// <summary>The subscriptions of one recipient of one organization, oldest first; empty when they have none.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="recipientId">The recipient's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recipient's subscriptions in that organization.</returns>
    ValueTask<IReadOnlyList<PushSubscription>> ListAsync(string organizationId, string recipientId, CancellationToken cancellationToken);
}
