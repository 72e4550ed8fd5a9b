using PosFleet.Notifications.Push;

namespace PosFleet.Connectors.PostgreSql.Internal.Notifications;

/// <summary>The recipients' push subscriptions on PostgreSQL (migrations 0007 and 0011): one row per endpoint, scoped by organization, each statement atomic.</summary>
internal sealed class PostgreSqlPushSubscriptionStore(PostgreSqlDatabase database, TimeProvider time) : IPushSubscriptionStore
{
    public async ValueTask<PushSubscriptionAddResult> AddAsync(PushSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        // One statement: the update applies only when the same recipient of the same organization holds the endpoint,
        // so no row comes back when someone else does (the endpoint is never moved). xmax is 0 on a row this statement
        // inserted and set on one it updated: that tells a new endpoint from a renewed one.
        var inserted = await database.ScalarAsync(
            """
            INSERT INTO push_subscriptions (endpoint, organization, recipient, p256dh, auth, added_at) VALUES (@endpoint, @organization, @recipient, @p256dh, @auth, @now)
            ON CONFLICT (endpoint) DO UPDATE SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth
            WHERE push_subscriptions.organization = EXCLUDED.organization AND push_subscriptions.recipient = EXCLUDED.recipient
            RETURNING xmax = 0
            """,
            cancellationToken,
            ("endpoint", subscription.Endpoint.AbsoluteUri),
            ("organization", subscription.OrganizationId),
            ("recipient", subscription.RecipientId),
            ("p256dh", subscription.P256dh),
            ("auth", subscription.Auth),
            ("now", time.GetUtcNow().UtcTicks)).ConfigureAwait(false);
        return inserted switch
        {
            true => PushSubscriptionAddResult.Added,
            false => PushSubscriptionAddResult.Updated,
            _ => PushSubscriptionAddResult.HeldByAnother,
        };
    }

    public async ValueTask<bool> RemoveAsync(string organizationId, string recipientId, Uri endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(recipientId);
        ArgumentNullException.ThrowIfNull(endpoint);
        return await database.ExecuteAsync(
            "DELETE FROM push_subscriptions WHERE endpoint = @endpoint AND organization = @organization AND recipient = @recipient",
            cancellationToken,
            ("endpoint", endpoint.AbsoluteUri),
            ("organization", organizationId),
            ("recipient", recipientId))
            .ConfigureAwait(false) == 1;
    }

    public async ValueTask<IReadOnlyList<PushSubscription>> ListAsync(string organizationId, string recipientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(recipientId);
        return await database.QueryAsync(
            "SELECT organization, recipient, endpoint, p256dh, auth FROM push_subscriptions WHERE organization = @organization AND recipient = @recipient ORDER BY id",
            r => new PushSubscription(r.GetString(0), r.GetString(1), new Uri(r.GetString(2)), r.GetString(3), r.GetString(4)),
            cancellationToken,
            ("organization", organizationId),
            ("recipient", recipientId)).ConfigureAwait(false);
    }
}
