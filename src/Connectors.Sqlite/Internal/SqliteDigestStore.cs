using Microsoft.Data.Sqlite;
using PosFleet.Digests;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// Digest subscriptions and the run ledger on SQLite. Claims and updates read and write inside <c>BEGIN IMMEDIATE</c>,
/// so two processes sharing the file take turns; the unique index on (subscription, window, test id) is the last word
/// should two ever try to create the same run.
/// </summary>
internal sealed partial class SqliteDigestStore(SqliteDatabase database) : IDigestStore, IDisposable
{
    private const string RunColumns = """
        id, subscription_id, window_start, window_end, test_id, trigger, status, count, threshold, attempts, owner,
        lease_until, created_at, updated_at, next_attempt_at, error
        """;

    // One writer per process: the others would only spin on the busy timeout.
    private readonly SemaphoreSlim _write = new(1, 1);

    public void Dispose() => _write.Dispose();

    public async ValueTask<DigestRun?> TryClaimRunAsync(DigestRunClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return await WriteAsync(connection => Claim(connection, claim), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> UpdateRunAsync(DigestRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return await WriteAsync(connection => Update(connection, run), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<DigestRun?> GetRunAsync(DigestRunKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await ReadAsync(connection => Find(connection, key).Run, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<DigestRun>> QueryRunsAsync(DigestRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadAsync<IReadOnlyList<DigestRun>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                var sql = $"SELECT {RunColumns} FROM digest_runs WHERE 1 = 1";
                if (query.SubscriptionId is not null)
                {
                    sql += " AND subscription_id = $subscription";
                    command.Parameters.AddWithValue("$subscription", query.SubscriptionId);
                }

                if (query.Statuses is not null)
                {
                    sql += $" AND status IN ({string.Join(", ", query.Statuses.Select(s => (int)s).DefaultIfEmpty(-1))})";
                }

                if (!query.IncludeTests)
                {
                    sql += " AND test_id = ''";
                }

                command.CommandText = sql + " ORDER BY window_end DESC, created_at DESC, id DESC LIMIT $limit;";
                command.Parameters.AddWithValue("$limit", query.Limit);
                var runs = ReadRuns(command);
                return [.. runs.Select(r => r.Run with { Recipients = Recipients(connection, r.Id) })];
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static DigestRun? Claim(SqliteConnection connection, DigestRunClaim claim)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var (id, existing) = Find(connection, claim.Key);
        var run = claim.ClaimFrom(existing);
        if (run is null)
        {
            return null;
        }

        if (existing is null)
        {
            Insert(connection, run);
        }
        else
        {
            Write(connection, id, run, recipients: false);
        }

        transaction.Commit();
        return run;
    }

    private static bool Update(SqliteConnection connection, DigestRun run)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var (id, stored) = Find(connection, run.Key, withRecipients: false);
        if (stored is null || !stored.AcceptsUpdate(run))
        {
            return false;
        }

        Write(connection, id, run, recipients: true);
        transaction.Commit();
        return true;
    }

    private static (long Id, DigestRun? Run) Find(SqliteConnection connection, DigestRunKey key, bool withRecipients = true)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {RunColumns} FROM digest_runs
            WHERE subscription_id = $subscription AND window_start = $start AND window_end = $end AND test_id = $test;
            """;
        command.Parameters.AddWithValue("$subscription", key.SubscriptionId);
        command.Parameters.AddWithValue("$start", key.WindowStart.UtcTicks);
        command.Parameters.AddWithValue("$end", key.WindowEnd.UtcTicks);
        command.Parameters.AddWithValue("$test", key.TestId ?? "");
        var runs = ReadRuns(command);
        if (runs.Count == 0)
        {
            return (0, null);
        }

        var (id, run) = runs[0];
        return (id, withRecipients ? run with { Recipients = Recipients(connection, id) } : run);
    }

    private static long Insert(SqliteConnection connection, DigestRun run)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO digest_runs (subscription_id, window_start, window_end, test_id, trigger, status, count, threshold,
                attempts, owner, lease_until, created_at, updated_at, next_attempt_at, error)
            VALUES ($subscription, $start, $end, $test, $trigger, $status, $count, $threshold,
                $attempts, $owner, $lease, $created, $updated, $next, $error)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$subscription", run.Key.SubscriptionId);
        command.Parameters.AddWithValue("$start", run.Key.WindowStart.UtcTicks);
        command.Parameters.AddWithValue("$end", run.Key.WindowEnd.UtcTicks);
        command.Parameters.AddWithValue("$test", run.Key.TestId ?? "");
        AddState(command, run);
        var id = (long)command.ExecuteScalar()!;
        WriteRecipients(connection, id, run.Recipients);
        return id;
    }

    private static void Write(SqliteConnection connection, long id, DigestRun run, bool recipients)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE digest_runs SET trigger = $trigger, status = $status, count = $count, threshold = $threshold,
                attempts = $attempts, owner = $owner, lease_until = $lease, created_at = $created, updated_at = $updated,
                next_attempt_at = $next, error = $error
            WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$id", id);
        AddState(command, run);
        command.ExecuteNonQuery();
        if (recipients)
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM digest_run_recipients WHERE run_id = $id;";
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
            WriteRecipients(connection, id, run.Recipients);
        }
    }

    private static void AddState(SqliteCommand command, DigestRun run)
    {
        var p = command.Parameters;
        p.AddWithValue("$trigger", (int)run.Trigger);
        p.AddWithValue("$status", (int)run.Status);
        p.AddWithValue("$count", (object?)run.Count ?? DBNull.Value);
        p.AddWithValue("$threshold", run.Threshold);
        p.AddWithValue("$attempts", run.Attempts);
        p.AddWithValue("$owner", run.Owner);
        p.AddWithValue("$lease", run.LeaseUntil.UtcTicks);
        p.AddWithValue("$created", run.CreatedAt.UtcTicks);
        p.AddWithValue("$updated", run.UpdatedAt.UtcTicks);
        p.AddWithValue("$next", (object?)run.NextAttemptAt?.UtcTicks ?? DBNull.Value);
        p.AddWithValue("$error", (object?)run.Error ?? DBNull.Value);
    }

    private static void WriteRecipients(SqliteConnection connection, long id, IReadOnlyList<DigestRecipientDelivery> recipients)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO digest_run_recipients (run_id, position, recipient, status, attempts, reason, last_attempt_at)
            VALUES ($id, $position, $recipient, $status, $attempts, $reason, $last);
            """;
        var position = command.Parameters.Add("$position", SqliteType.Integer);
        var recipient = command.Parameters.Add("$recipient", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Integer);
        var attempts = command.Parameters.Add("$attempts", SqliteType.Integer);
        var reason = command.Parameters.Add("$reason", SqliteType.Text);
        var last = command.Parameters.Add("$last", SqliteType.Integer);
        command.Parameters.AddWithValue("$id", id);
        for (var i = 0; i < recipients.Count; i++)
        {
            var r = recipients[i];
            position.Value = i;
            recipient.Value = r.Recipient;
            status.Value = (int)r.Status;
            attempts.Value = r.Attempts;
            reason.Value = (object?)r.Reason ?? DBNull.Value;
            last.Value = (object?)r.LastAttemptAt?.UtcTicks ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    private static List<(long Id, DigestRun Run)> ReadRuns(SqliteCommand command)
    {
        var runs = new List<(long, DigestRun)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var test = reader.GetString(4);
            runs.Add((reader.GetInt64(0), new DigestRun
            {
                Key = new DigestRunKey(reader.GetString(1), Utc(reader.GetInt64(2)), Utc(reader.GetInt64(3)), test.Length == 0 ? null : test),
                Trigger = (DigestTrigger)reader.GetInt32(5),
                Status = (DigestRunStatus)reader.GetInt32(6),
                Count = reader.IsDBNull(7) ? null : reader.GetInt64(7),
                Threshold = reader.GetInt32(8),
                Attempts = reader.GetInt32(9),
                Owner = reader.GetString(10),
                LeaseUntil = Utc(reader.GetInt64(11)),
                CreatedAt = Utc(reader.GetInt64(12)),
                UpdatedAt = Utc(reader.GetInt64(13)),
                NextAttemptAt = reader.IsDBNull(14) ? null : Utc(reader.GetInt64(14)),
                Error = reader.IsDBNull(15) ? null : reader.GetString(15),
                Recipients = [],
            }));
        }

        return runs;
    }

    private static List<DigestRecipientDelivery> Recipients(SqliteConnection connection, long id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT recipient, status, attempts, reason, last_attempt_at FROM digest_run_recipients WHERE run_id = $id ORDER BY position;";
        command.Parameters.AddWithValue("$id", id);
        var recipients = new List<DigestRecipientDelivery>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            recipients.Add(new DigestRecipientDelivery(
                reader.GetString(0),
                (DigestRecipientStatus)reader.GetInt32(1),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : Utc(reader.GetInt64(4))));
        }

        return recipients;
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadAsync(write, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _write.Release();
        }
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return read(connection);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }
}
