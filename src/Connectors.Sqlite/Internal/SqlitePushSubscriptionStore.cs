using Microsoft.Data.Sqlite;
using PosFleet.Notifications.Push;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>The recipients' push subscriptions in the SQLite file (table <c>push_subscriptions</c>, migrations 0012 and 0018), scoped by organization.</summary>
internal sealed class SqlitePushSubscriptionStore(SqliteDatabase database, TimeProvider time) : IPushSubscriptionStore
{
    public ValueTask<PushSubscriptionAddResult> AddAsync(PushSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new(UseAsync(
            async connection =>
            {
                // Who holds the endpoint is read inside the (immediate) transaction of the write, so two subscribes
                // of one endpoint cannot both see it free, and one held by someone else is never moved to them.
                using var transaction = connection.BeginTransaction(deferred: false);
                using var holder = connection.CreateCommand();
                holder.Transaction = transaction;
                holder.CommandText = "SELECT organization, recipient FROM push_subscriptions WHERE endpoint = $endpoint;";
                holder.Parameters.AddWithValue("$endpoint", subscription.Endpoint.AbsoluteUri);
                PushSubscriptionAddResult result;
                using (var reader = await holder.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    result = !await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                        ? PushSubscriptionAddResult.Added
                        : reader.GetString(0) == subscription.OrganizationId && reader.GetString(1) == subscription.RecipientId
                            ? PushSubscriptionAddResult.Updated
                            : PushSubscriptionAddResult.HeldByAnother;
                }

                if (result == PushSubscriptionAddResult.HeldByAnother)
                {
                    return result;
                }

                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = result == PushSubscriptionAddResult.Added
                    ? "INSERT INTO push_subscriptions (endpoint, organization, recipient, p256dh, auth, added_at) VALUES ($endpoint, $organization, $recipient, $p256dh, $auth, $now);"
                    : "UPDATE push_subscriptions SET p256dh = $p256dh, auth = $auth WHERE endpoint = $endpoint AND organization = $organization AND recipient = $recipient;";
                command.Parameters.AddWithValue("$endpoint", subscription.Endpoint.AbsoluteUri);
                command.Parameters.AddWithValue("$organization", subscription.OrganizationId);
                command.Parameters.AddWithValue("$recipient", subscription.RecipientId);
                command.Parameters.AddWithValue("$p256dh", subscription.P256dh);
                command.Parameters.AddWithValue("$auth", subscription.Auth);
                command.Parameters.AddWithValue("$now", time.GetUtcNow().UtcTicks);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            },
            cancellationToken));
    }

    public ValueTask<bool> RemoveAsync(string organizationId, string recipientId, Uri endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(recipientId);
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(UseAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM push_subscriptions WHERE endpoint = $endpoint AND organization = $organization AND recipient = $recipient;";
                command.Parameters.AddWithValue("$endpoint", endpoint.AbsoluteUri);
                command.Parameters.AddWithValue("$organization", organizationId);
                command.Parameters.AddWithValue("$recipient", recipientId);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken));
    }

    public ValueTask<IReadOnlyList<PushSubscription>> ListAsync(string organizationId, string recipientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(recipientId);
        return new(UseAsync<IReadOnlyList<PushSubscription>>(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT organization, recipient, endpoint, p256dh, auth FROM push_subscriptions WHERE organization = $organization AND recipient = $recipient ORDER BY id;";
                command.Parameters.AddWithValue("$organization", organizationId);
                command.Parameters.AddWithValue("$recipient", recipientId);
                var subscriptions = new List<PushSubscription>();
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    subscriptions.Add(new PushSubscription(reader.GetString(0), reader.GetString(1), new Uri(reader.GetString(2)), reader.GetString(3), reader.GetString(4)));
                }

                return subscriptions;
            },
            cancellationToken));
    }

    private async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> use, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await use(connection).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }
}
