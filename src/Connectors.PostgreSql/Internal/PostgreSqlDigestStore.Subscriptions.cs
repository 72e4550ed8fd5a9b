using Npgsql;
using NpgsqlTypes;
using PosFleet.Digests;
using PosFleet.Logs;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>The subscriptions: one row each.</summary>
internal sealed partial class PostgreSqlDigestStore
{
    private const string SubscriptionColumns =
        "id, name, active, test_mode, recipients, threshold, kinds, organization, terminal, send_time, time_zone, time_window, culture";

    public async ValueTask<IReadOnlyList<DigestSubscription>> GetSubscriptionsAsync(CancellationToken cancellationToken) =>
        await ReadSubscriptionsAsync($"SELECT {SubscriptionColumns} FROM digest_subscriptions ORDER BY id", null, cancellationToken).ConfigureAwait(false);

    public async ValueTask<DigestSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return (await ReadSubscriptionsAsync($"SELECT {SubscriptionColumns} FROM digest_subscriptions WHERE id = @id", id, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();
    }

    public async ValueTask SaveSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var problems = subscription.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(subscription));
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                $"""
                INSERT INTO digest_subscriptions ({SubscriptionColumns})
                VALUES (@id, @name, @active, @test, @recipients, @threshold, @kinds, @organization, @terminal, @send, @zone, @window, @culture)
                ON CONFLICT (id) DO UPDATE SET ({SubscriptionColumns}) = ROW(EXCLUDED.*)
                """,
                connection);
            var p = command.Parameters;
            p.AddWithValue("id", subscription.Id);
            p.AddWithValue("name", subscription.Name);
            p.AddWithValue("active", subscription.Active);
            p.AddWithValue("test", subscription.TestMode);
            p.AddWithValue("recipients", subscription.Recipients.ToArray());
            p.AddWithValue("threshold", subscription.MinimumThreshold);
            p.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Smallint)
            {
                Value = subscription.Kinds is null ? DBNull.Value : subscription.Kinds.Order().Select(k => (short)k).ToArray(),
            });
            p.Add(new NpgsqlParameter("organization", NpgsqlDbType.Text) { Value = (object?)subscription.Organization ?? DBNull.Value });
            p.Add(new NpgsqlParameter("terminal", NpgsqlDbType.Text) { Value = (object?)subscription.Terminal ?? DBNull.Value });
            p.AddWithValue("send", subscription.SendTime.Ticks);
            p.AddWithValue("zone", subscription.TimeZone);
            p.AddWithValue("window", subscription.Window.Ticks);
            p.AddWithValue("culture", subscription.Culture);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<bool> RemoveSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("DELETE FROM digest_subscriptions WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    private async Task<List<DigestSubscription>> ReadSubscriptionsAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            if (id is not null)
            {
                command.Parameters.AddWithValue("id", id);
            }

            var subscriptions = new List<DigestSubscription>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    subscriptions.Add(new DigestSubscription
                    {
                        Id = reader.GetString(0),
                        Name = reader.GetString(1),
                        Active = reader.GetBoolean(2),
                        TestMode = reader.GetBoolean(3),
                        Recipients = reader.GetFieldValue<string[]>(4),
                        MinimumThreshold = reader.GetInt32(5),
                        Kinds = reader.IsDBNull(6) ? null : reader.GetFieldValue<short[]>(6).Select(k => (LogKind)k).ToHashSet(),
                        Organization = reader.IsDBNull(7) ? null : reader.GetString(7),
                        Terminal = reader.IsDBNull(8) ? null : reader.GetString(8),
                        SendTime = new TimeOnly(reader.GetInt64(9)),
                        TimeZone = reader.GetString(10),
                        Window = TimeSpan.FromTicks(reader.GetInt64(11)),
                        Culture = reader.GetString(12),
                    });
                }
            }

            return subscriptions;
        }
    }
}
