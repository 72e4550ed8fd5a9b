using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Digests;
using PosFleet.Logs;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>The subscriptions: one row each.</summary>
internal sealed partial class SqliteDigestStore
{
    private const string SubscriptionColumns =
        "id, name, active, test_mode, recipients, threshold, kinds, organization, terminal, send_time, time_zone, window, culture";

    public async ValueTask<IReadOnlyList<DigestSubscription>> GetSubscriptionsAsync(CancellationToken cancellationToken) =>
        await ReadAsync<IReadOnlyList<DigestSubscription>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {SubscriptionColumns} FROM digest_subscriptions ORDER BY id;";
                return ReadSubscriptions(command);
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<DigestSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {SubscriptionColumns} FROM digest_subscriptions WHERE id = $id;";
                command.Parameters.AddWithValue("$id", id);
                return ReadSubscriptions(command).FirstOrDefault();
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SaveSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var problems = subscription.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(subscription));
        }

        await WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    INSERT OR REPLACE INTO digest_subscriptions ({SubscriptionColumns})
                    VALUES ($id, $name, $active, $test, $recipients, $threshold, $kinds, $organization, $terminal, $send, $zone, $window, $culture);
                    """;
                var p = command.Parameters;
                p.AddWithValue("$id", subscription.Id);
                p.AddWithValue("$name", subscription.Name);
                p.AddWithValue("$active", subscription.Active);
                p.AddWithValue("$test", subscription.TestMode);
                p.AddWithValue("$recipients", string.Join('\n', subscription.Recipients));
                p.AddWithValue("$threshold", subscription.MinimumThreshold);
                p.AddWithValue("$kinds", subscription.Kinds is null ? DBNull.Value : string.Join(',', subscription.Kinds.Order().Select(k => ((int)k).ToString(CultureInfo.InvariantCulture))));
                p.AddWithValue("$organization", (object?)subscription.Organization ?? DBNull.Value);
                p.AddWithValue("$terminal", (object?)subscription.Terminal ?? DBNull.Value);
                p.AddWithValue("$send", subscription.SendTime.Ticks);
                p.AddWithValue("$zone", subscription.TimeZone);
                p.AddWithValue("$window", subscription.Window.Ticks);
                p.AddWithValue("$culture", subscription.Culture);
                return command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> RemoveSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM digest_subscriptions WHERE id = $id;";
                command.Parameters.AddWithValue("$id", id);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static List<DigestSubscription> ReadSubscriptions(SqliteCommand command)
    {
        var subscriptions = new List<DigestSubscription>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            subscriptions.Add(new DigestSubscription
            {
                Id = reader.GetString(0),
                Name = reader.GetString(1),
                Active = reader.GetBoolean(2),
                TestMode = reader.GetBoolean(3),
                Recipients = reader.GetString(4).Split('\n', StringSplitOptions.RemoveEmptyEntries),
                MinimumThreshold = reader.GetInt32(5),
                Kinds = reader.IsDBNull(6)
                    ? null
                    : reader.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => (LogKind)int.Parse(k, CultureInfo.InvariantCulture)).ToHashSet(),
                Organization = reader.IsDBNull(7) ? null : reader.GetString(7),
                Terminal = reader.IsDBNull(8) ? null : reader.GetString(8),
                SendTime = new TimeOnly(reader.GetInt64(9)),
                TimeZone = reader.GetString(10),
                Window = TimeSpan.FromTicks(reader.GetInt64(11)),
                Culture = reader.GetString(12),
            });
        }

        return subscriptions;
    }
}
