using Npgsql;
using NpgsqlTypes;
using PosFleet.Actions;

namespace PosFleet.Connectors.PostgreSql.Internal.Actions;

/// <summary>The changes of an action after it is queued: cancel, deliver, the terminal's reports and uploads.</summary>
internal sealed partial class PostgreSqlRemoteActionStore
{
    public async ValueTask<RemoteAction?> CancelAsync(string organization, Guid id, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return await database.WriteAsync(
            async (connection, transaction) =>
            {
                if (await LoadAsync(connection, transaction, organization, id, "FOR UPDATE", cancellationToken).ConfigureAwait(false) is not { } action)
                {
                    return null;
                }

                if (action.State is not RemoteActionState.Pending)
                {
                    return action;
                }

                var canceled = action with
                {
                    State = RemoteActionState.Canceled,
                    Detail = reason,
                    History = [.. action.History, new RemoteActionTransition(RemoteActionState.Canceled, at, 0, reason)],
                };
                await SaveAsync(connection, transaction, action, canceled, cancellationToken).ConfigureAwait(false);
                return canceled;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            async (connection, transaction) =>
            {
                // Rows a delivery or a report holds right now are skipped: the next pass (or that exchange) settles them.
                using var open = PostgreSqlDatabase.Command(
                    connection,
                    transaction,
                    $"SELECT {Columns} FROM remote_actions WHERE state IN (0, 1) AND expires_at <= @now ORDER BY created_at, id FOR UPDATE SKIP LOCKED",
                    ("now", now.UtcTicks));
                var actions = await ReadActionsAsync(connection, transaction, open, cancellationToken).ConfigureAwait(false);
                foreach (var action in actions)
                {
                    await SaveAsync(connection, transaction, action, RemoteActionRules.Expire(action, now), cancellationToken).ConfigureAwait(false);
                }

                return (long)actions.Count;
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<RemoteAction>> DeliverAsync(string organization, string terminalId, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(terminalId);
        return await database.WriteAsync<IReadOnlyList<RemoteAction>>(
            async (connection, transaction) =>
            {
                // The pending actions another instance is delivering right now are skipped: they go out in its response.
                using (var pending = PostgreSqlDatabase.Command(
                    connection,
                    transaction,
                    $"SELECT {Columns} FROM remote_actions WHERE terminal = @terminal AND state = 0 AND organization = @organization ORDER BY created_at, id FOR UPDATE SKIP LOCKED",
                    ("terminal", terminalId),
                    ("organization", organization)))
                {
                    foreach (var action in await ReadActionsAsync(connection, transaction, pending, cancellationToken).ConfigureAwait(false))
                    {
                        var state = action.ExpiresAt <= now ? RemoteActionState.Expired : RemoteActionState.Delivered;
                        var detail = state is RemoteActionState.Expired ? ExpiredText(action.ExpiresAt) : null;
                        await SaveAsync(
                            connection,
                            transaction,
                            action,
                            action with
                            {
                                State = state,
                                Detail = detail ?? action.Detail,
                                History = [.. action.History, new RemoteActionTransition(state, now, 0, detail)],
                            },
                            cancellationToken).ConfigureAwait(false);
                    }
                }

                using var delivered = PostgreSqlDatabase.Command(
                    connection,
                    transaction,
                    $"SELECT {Columns} FROM remote_actions WHERE terminal = @terminal AND state = 1 AND organization = @organization ORDER BY created_at, id LIMIT @max",
                    ("terminal", terminalId),
                    ("organization", organization),
                    ("max", Math.Max(0, max)));
                return await ReadActionsAsync(connection, transaction, delivered, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RemoteActionRecordResult> RecordAsync(string organization, string terminalId, RemoteActionReport report, long maxUploadBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (await LoadAsync(connection, transaction, organization, report.ActionId, "FOR UPDATE", cancellationToken).ConfigureAwait(false) is not { } action
                    || action.TerminalId != terminalId)
                {
                    return RemoteActionRecordResult.Refused;
                }

                var uploaded = false;
                var before = action;
                if (report.Upload is { } chunk)
                {
                    var stored = action.UploadedBytes ?? 0;
                    var skip = RemoteActionRules.UploadSkip(action, chunk, stored, maxUploadBytes);
                    if (skip < 0)
                    {
                        return RemoteActionRecordResult.Refused;
                    }

                    if (skip < chunk.Data.Length)
                    {
                        using var insert = PostgreSqlDatabase.Command(
                            connection,
                            transaction,
                            "INSERT INTO remote_action_uploads (action_id, byte_offset, data) VALUES (@id, @offset, @data)",
                            ("id", action.Id),
                            ("offset", stored),
                            ("data", chunk.Data.AsSpan((int)skip).ToArray()));
                        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        action = action with { UploadedBytes = chunk.Offset + chunk.Data.Length };
                        uploaded = true;
                    }
                }

                var (result, after) = RemoteActionRules.Apply(action, report);
                if (result is RemoteActionRecordResult.Refused)
                {
                    // Rolled back with the transaction: an upload chunk is never kept without its report.
                    return RemoteActionRecordResult.Refused;
                }

                if (uploaded || result is RemoteActionRecordResult.Recorded)
                {
                    await SaveAsync(connection, transaction, before, after, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return uploaded ? RemoteActionRecordResult.Recorded : result;
            }
        }
    }

    public async ValueTask<long> CopyUploadToAsync(string organization, Guid id, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(destination);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot: the chunks copied are those of one moment, even while the terminal uploads more.
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var command = PostgreSqlDatabase.Command(connection, transaction, "SELECT uploaded_bytes FROM remote_actions WHERE id = @id AND organization = @organization", ("id", id), ("organization", organization));
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long)
                {
                    return -1;
                }

                command.CommandText = "SELECT data FROM remote_action_uploads WHERE action_id = @id ORDER BY byte_offset";
                long copied = 0;
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var data = reader.GetFieldValue<byte[]>(0);
                        await destination.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                        copied += data.Length;
                    }
                }

                return copied;
            }
        }
    }

    private static string ExpiredText(DateTimeOffset expiresAt) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Its time to live ended at {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z before the terminal exchanged: it was not delivered.");

    /// <summary>The action when it is <paramref name="organization"/>'s: another organization's is not found (nor locked).</summary>
    private static async Task<RemoteAction?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string organization, Guid id, string locking, CancellationToken cancellationToken)
    {
        using var command = PostgreSqlDatabase.Command(
            connection, transaction, $"SELECT {Columns} FROM remote_actions WHERE id = @id AND organization = @organization {locking}", ("id", id), ("organization", organization));
        return await ReadActionsAsync(connection, transaction, command, cancellationToken).ConfigureAwait(false) is [var action] ? action : null;
    }

    /// <summary>Writes the changed columns and the transitions added since <paramref name="before"/>.</summary>
    private static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RemoteAction before, RemoteAction after, CancellationToken cancellationToken)
    {
        using (var update = PostgreSqlDatabase.Command(
            connection,
            transaction,
            "UPDATE remote_actions SET state = @state, attempt = @attempt, detail = @detail, output = @output, uploaded_bytes = @uploaded WHERE id = @id",
            ("id", after.Id),
            ("state", (short)after.State),
            ("attempt", after.Attempt),
            ("detail", after.Detail),
            ("output", after.Output),
            ("uploaded", after.UploadedBytes)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var i = before.History.Count; i < after.History.Count; i++)
        {
            await AddHistoryAsync(connection, transaction, after.Id, i, after.History[i], cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task AddHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, int sequence, RemoteActionTransition transition, CancellationToken cancellationToken)
    {
        using var insert = PostgreSqlDatabase.Command(
            connection,
            transaction,
            "INSERT INTO remote_action_history (action_id, sequence, state, at, attempt, detail) VALUES (@id, @sequence, @state, @at, @attempt, @detail)",
            ("id", id),
            ("sequence", sequence),
            ("state", (short)transition.State),
            ("at", transition.At.UtcTicks),
            ("attempt", transition.Attempt),
            ("detail", transition.Detail));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<RemoteAction>> ReadActionsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var actions = await PostgreSqlDatabase.ReadAllAsync(command, ReadAction, cancellationToken).ConfigureAwait(false);
        if (actions.Count == 0)
        {
            return actions;
        }

        using var history = PostgreSqlDatabase.Command(
            connection,
            transaction,
            "SELECT action_id, state, at, attempt, detail FROM remote_action_history WHERE action_id = ANY(@ids) ORDER BY action_id, sequence");
        history.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = actions.Select(a => a.Id).ToArray() });
        var transitions = (await PostgreSqlDatabase.ReadAllAsync(
            history,
            r => (Id: r.GetGuid(0), Transition: new RemoteActionTransition((RemoteActionState)r.GetInt16(1), new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4))),
            cancellationToken).ConfigureAwait(false)).ToLookup(t => t.Id, t => t.Transition);
        return [.. actions.Select(a => a with { History = [.. transitions[a.Id]] })];
    }

    private static RemoteAction ReadAction(NpgsqlDataReader r)
    {
        var names = r.GetFieldValue<string[]>(4);
        var values = r.GetFieldValue<string[]>(5);
        var parameters = new Dictionary<string, string>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            parameters[names[i]] = values[i];
        }

        return new RemoteAction
        {
            Id = r.GetGuid(0),
            Organization = r.GetString(1),
            TerminalId = r.GetString(2),
            Name = r.GetString(3),
            Parameters = parameters,
            State = (RemoteActionState)r.GetInt16(6),
            CreatedAt = new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero),
            ExpiresAt = new DateTimeOffset(r.GetInt64(8), TimeSpan.Zero),
            Timeout = TimeSpan.FromTicks(r.GetInt64(9)),
            MaxAttempts = r.GetInt32(10),
            Attempt = r.GetInt32(11),
            Detail = r.IsDBNull(12) ? null : r.GetString(12),
            Output = r.IsDBNull(13) ? null : r.GetString(13),
            UploadedBytes = r.IsDBNull(14) ? null : r.GetInt64(14),
        };
    }
}
