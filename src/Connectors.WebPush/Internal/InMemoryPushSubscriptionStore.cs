using PosFleet.Notifications.Push;

namespace PosFleet.Connectors.WebPush.Internal;

/// <summary>The push subscriptions in memory, for tests and hosts without storage; lost when the process ends.</summary>
internal sealed class InMemoryPushSubscriptionStore : IPushSubscriptionStore
{
    private readonly Lock _gate = new();
    private readonly List<PushSubscription> _subscriptions = [];

    public ValueTask<PushSubscriptionAddResult> AddAsync(PushSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_gate)
        {
            var existing = _subscriptions.FindIndex(s => s.Endpoint == subscription.Endpoint);
            if (existing < 0)
            {
                _subscriptions.Add(subscription);
                return ValueTask.FromResult(PushSubscriptionAddResult.Added);
            }

            var held = _subscriptions[existing];
            if (held.OrganizationId != subscription.OrganizationId || held.RecipientId != subscription.RecipientId)
            {
                return ValueTask.FromResult(PushSubscriptionAddResult.HeldByAnother);
            }

            _subscriptions[existing] = subscription;
            return ValueTask.FromResult(PushSubscriptionAddResult.Updated);
        }
    }

    public ValueTask<bool> RemoveAsync(string organizationId, string recipientId, Uri endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(recipientId);
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_gate)
        {
            return ValueTask.FromResult(_subscriptions.RemoveAll(s => s.Endpoint == endpoint && s.OrganizationId == organizationId && s.RecipientId == recipientId) > 0);
        }
    }

    public ValueTask<IReadOnlyList<PushSubscription>> ListAsync(string organizationId, string recipientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(recipientId);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<PushSubscription>>([.. _subscriptions.Where(s => s.RecipientId == recipientId && s.OrganizationId == organizationId)]);
        }
    }
}
