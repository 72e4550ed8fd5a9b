using Npgsql;
using NpgsqlTypes;
using PosFleet.Digests;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// Digest subscriptions and the run ledger on PostgreSQL, shared by every back-office instance. A claim inserts the
/// run (the unique key lets one instance win), or takes over a due one it locked with <c>FOR UPDATE SKIP LOCKED</c>:
/// an instance that finds the run locked by another's claim leaves it, so that N instances never send one digest twice.
/// </summary>
internal sealed partial class PostgreSqlDigestStore(PostgreSqlDatabase database) : IDigestStore
{
    private const string RunColumns = """
        id, subscription_id, window_start, window_end, test_id, trigger, status, count, threshold, attempts, owner,
        lease_until, created_at, updated_at, next_attempt_at, error,
        recipients, recipient_statuses, recipient_attempts, recipient_reasons, recipient_last
        """;

    private const string KeyCondition = "subscription_id = @subscription AND window_start = @start AND window_end = @end AND test_id = @test";

    public async ValueTask<DigestRun?> TryClaimRunAsync(DigestRunClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var created = claim.ClaimFrom(null)!;
                using (var insert = new NpgsqlCommand(
                    $"INSERT INTO digest_runs ({RunColumns[4..]}) VALUES (@subscription, @start, @end, @test, {StateValues}) ON CONFLICT DO NOTHING RETURNING id",
                    connection,
                    transaction))
                {
                    AddKey(insert, claim.Key);
                    AddState(insert, created);
                    if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return created;
                    }
                }

                // The run exists: take it over if it is due and no other instance is claiming it right now.
                var existing = await FindAsync(connection, transaction, claim.Key, "FOR UPDATE SKIP LOCKED", cancellationToken).ConfigureAwait(false);
                if (existing is null || claim.ClaimFrom(existing) is not { } run)
                {
                    return null;
                }

                await WriteAsync(connection, transaction, run, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return run;
            }
        }
    }

    public async ValueTask<bool> UpdateRunAsync(DigestRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var stored = await FindAsync(connection, transaction, run.Key, "FOR UPDATE", cancellationToken).ConfigureAwait(false);
                if (stored is null || !stored.AcceptsUpdate(run))
                {
                    return false;
                }

                await WriteAsync(connection, transaction, run, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    public async ValueTask<DigestRun?> GetRunAsync(DigestRunKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await FindAsync(connection, null, key, "", cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyList<DigestRun>> QueryRunsAsync(DigestRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand { Connection = connection };
            var sql = $"SELECT {RunColumns} FROM digest_runs WHERE TRUE";
            if (query.SubscriptionId is not null)
            {
                sql += " AND subscription_id = @subscription";
                command.Parameters.AddWithValue("subscription", query.SubscriptionId);
            }

            if (query.Statuses is not null)
            {
                sql += " AND status = ANY(@statuses)";
                command.Parameters.AddWithValue("statuses", query.Statuses.Select(s => (short)s).ToArray());
            }

            if (!query.IncludeTests)
            {
                sql += " AND test_id = ''";
            }

            command.CommandText = sql + " ORDER BY window_end DESC, created_at DESC, id DESC LIMIT @limit";
            command.Parameters.AddWithValue("limit", Math.Max(0, query.Limit));
            return await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    private const string StateValues =
        "@trigger, @status, @count, @threshold, @attempts, @owner, @lease, @created, @updated, @next, @error, @recipients, @recipient_statuses, @recipient_attempts, @recipient_reasons, @recipient_last";

    private static async Task<DigestRun?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DigestRunKey key, string locking, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand($"SELECT {RunColumns} FROM digest_runs WHERE {KeyCondition} {locking}", connection, transaction);
        AddKey(command, key);
        return (await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DigestRun run, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(
            $"""
            UPDATE digest_runs SET (trigger, status, count, threshold, attempts, owner, lease_until, created_at, updated_at,
                next_attempt_at, error, recipients, recipient_statuses, recipient_attempts, recipient_reasons, recipient_last) = ({StateValues})
            WHERE {KeyCondition}
            """,
            connection,
            transaction);
        AddKey(command, run.Key);
        AddState(command, run);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddKey(NpgsqlCommand command, DigestRunKey key)
    {
        command.Parameters.AddWithValue("subscription", key.SubscriptionId);
        command.Parameters.AddWithValue("start", key.WindowStart.UtcTicks);
        command.Parameters.AddWithValue("end", key.WindowEnd.UtcTicks);
        command.Parameters.AddWithValue("test", key.TestId ?? "");
    }

    private static void AddState(NpgsqlCommand command, DigestRun run)
    {
        var p = command.Parameters;
        p.AddWithValue("trigger", (short)run.Trigger);
        p.AddWithValue("status", (short)run.Status);
        p.Add(new NpgsqlParameter("count", NpgsqlDbType.Bigint) { Value = (object?)run.Count ?? DBNull.Value });
        p.AddWithValue("threshold", run.Threshold);
        p.AddWithValue("attempts", run.Attempts);
        p.AddWithValue("owner", run.Owner);
        p.AddWithValue("lease", run.LeaseUntil.UtcTicks);
        p.AddWithValue("created", run.CreatedAt.UtcTicks);
        p.AddWithValue("updated", run.UpdatedAt.UtcTicks);
        p.Add(new NpgsqlParameter("next", NpgsqlDbType.Bigint) { Value = (object?)run.NextAttemptAt?.UtcTicks ?? DBNull.Value });
        p.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)run.Error ?? DBNull.Value });
        p.AddWithValue("recipients", run.Recipients.Select(r => r.Recipient).ToArray());
        p.AddWithValue("recipient_statuses", run.Recipients.Select(r => (short)r.Status).ToArray());
        p.AddWithValue("recipient_attempts", run.Recipients.Select(r => r.Attempts).ToArray());
        p.Add(new NpgsqlParameter("recipient_reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = run.Recipients.Select(r => r.Reason).ToArray() });
        p.Add(new NpgsqlParameter("recipient_last", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = run.Recipients.Select(r => r.LastAttemptAt?.UtcTicks).ToArray() });
    }

    private static async Task<List<DigestRun>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<DigestRun>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var test = reader.GetString(4);
                var names = reader.GetFieldValue<string[]>(16);
                var statuses = reader.GetFieldValue<short[]>(17);
                var attempts = reader.GetFieldValue<int[]>(18);
                var reasons = reader.GetFieldValue<string?[]>(19);
                var last = reader.GetFieldValue<long?[]>(20);
                runs.Add(new DigestRun
                {
                    Key = new DigestRunKey(reader.GetString(1), Utc(reader.GetInt64(2)), Utc(reader.GetInt64(3)), test.Length == 0 ? null : test),
                    Trigger = (DigestTrigger)reader.GetInt16(5),
                    Status = (DigestRunStatus)reader.GetInt16(6),
                    Count = reader.IsDBNull(7) ? null : reader.GetInt64(7),
                    Threshold = reader.GetInt32(8),
                    Attempts = reader.GetInt32(9),
                    Owner = reader.GetString(10),
                    LeaseUntil = Utc(reader.GetInt64(11)),
                    CreatedAt = Utc(reader.GetInt64(12)),
                    UpdatedAt = Utc(reader.GetInt64(13)),
                    NextAttemptAt = reader.IsDBNull(14) ? null : Utc(reader.GetInt64(14)),
                    Error = reader.IsDBNull(15) ? null : reader.GetString(15),
                    Recipients = [.. names.Select((n, i) => new DigestRecipientDelivery(n, (DigestRecipientStatus)statuses[i], attempts[i], reasons[i], last[i] is { } t ? Utc(t) : null))],
                });
            }
        }

        return runs;
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}
