using System.Text.Json;
using Microsoft.Data.Sqlite;
using static PosFleet.Connectors.Sqlite.Internal.Actions.SqliteActionsAccess;
using PosFleet.Actions;

namespace PosFleet.Connectors.Sqlite.Internal.Actions;

internal sealed partial class SqliteRemoteActionStore
{
    public async ValueTask<RemoteAction?> CancelAsync(string organization, Guid id, DateTimeOffset at, string? reason, CancellationToken cancellationToken) =>
        await _access.WriteAsync(
            (connection, transaction) =>
            {
                if (Load(connection, transaction, organization ?? throw new ArgumentNullException(nameof(organization)), id) is not { } action)
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
                Save(connection, transaction, action, canceled);
                return canceled;
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<long> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await _access.WriteAsync(
            (connection, transaction) =>
            {
                using var open = Command(connection, transaction, $"SELECT {Columns} FROM remote_actions WHERE state IN (0, 1) AND expires_at <= $now;");
                open.Parameters.AddWithValue("$now", now.UtcTicks);
                var actions = ReadActions(connection, transaction, open);
                foreach (var action in actions)
                {
                    Save(connection, transaction, action, RemoteActionRules.Expire(action, now));
                }

                return (long)actions.Count;
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<RemoteAction>> DeliverAsync(string organization, string terminalId, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(terminalId);
        return await _access.WriteAsync<IReadOnlyList<RemoteAction>>(
            (connection, transaction) =>
            {
                using (var pending = Command(connection, transaction, $"SELECT {Columns} FROM remote_actions WHERE terminal = $terminal AND state = 0 AND organization = $organization;"))
                {
                    pending.Parameters.AddWithValue("$terminal", terminalId);
                    pending.Parameters.AddWithValue("$organization", organization);
                    foreach (var action in ReadActions(connection, transaction, pending))
                    {
                        var state = action.ExpiresAt <= now ? RemoteActionState.Expired : RemoteActionState.Delivered;
                        var detail = state is RemoteActionState.Expired ? ExpiredText(action.ExpiresAt) : null;
                        Save(connection, transaction, action, action with
                        {
                            State = state,
                            Detail = detail ?? action.Detail,
                            History = [.. action.History, new RemoteActionTransition(state, now, 0, detail)],
                        });
                    }
                }

                using var delivered = Command(connection, transaction, $"SELECT {Columns} FROM remote_actions WHERE terminal = $terminal AND state = 1 AND organization = $organization ORDER BY created_at, id LIMIT $max;");
                delivered.Parameters.AddWithValue("$terminal", terminalId);
                delivered.Parameters.AddWithValue("$organization", organization);
                delivered.Parameters.AddWithValue("$max", max);
                return ReadActions(connection, transaction, delivered);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RemoteActionRecordResult> RecordAsync(string organization, string terminalId, RemoteActionReport report, long maxUploadBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        try
        {
            return await RecordInTransactionAsync(organization, terminalId, report, maxUploadBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (RefusedException)
        {
            return RemoteActionRecordResult.Refused;
        }
    }

    private Task<RemoteActionRecordResult> RecordInTransactionAsync(string organization, string terminalId, RemoteActionReport report, long maxUploadBytes, CancellationToken cancellationToken) =>
        _access.WriteAsync(
            (connection, transaction) =>
            {
                if (Load(connection, transaction, organization, report.ActionId) is not { } action || action.TerminalId != terminalId)
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
                        using var insert = Command(connection, transaction, "INSERT INTO remote_action_uploads (action_id, offset, data) VALUES ($id, $offset, $data);");
                        insert.Parameters.AddWithValue("$id", action.Id.ToString("D"));
                        insert.Parameters.AddWithValue("$offset", stored);
                        insert.Parameters.AddWithValue("$data", chunk.Data.AsSpan((int)skip).ToArray());
                        insert.ExecuteNonQuery();
                        action = action with { UploadedBytes = chunk.Offset + chunk.Data.Length };
                        uploaded = true;
                    }
                }

                var (result, after) = RemoteActionRules.Apply(action, report);
                if (result is RemoteActionRecordResult.Refused)
                {
                    // Rolled back with the transaction: an upload chunk is never kept without its report.
                    throw new RefusedException();
                }

                if (uploaded || result is RemoteActionRecordResult.Recorded)
                {
                    Save(connection, transaction, before, after);
                }

                return uploaded ? RemoteActionRecordResult.Recorded : result;
            },
            cancellationToken);

    private sealed class RefusedException : Exception;

    public async ValueTask<long> CopyUploadToAsync(string organization, Guid id, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(destination);
        var connection = await _access.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One read transaction: the chunks copied are those of one moment, even while the terminal uploads more.
            using var transaction = connection.BeginTransaction(deferred: true);
            using var command = Command(connection, transaction, "SELECT uploaded_bytes FROM remote_actions WHERE id = $id AND organization = $organization;");
            command.Parameters.AddWithValue("$id", id.ToString("D"));
            command.Parameters.AddWithValue("$organization", organization);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long)
            {
                return -1;
            }

            command.CommandText = "SELECT data FROM remote_action_uploads WHERE action_id = $id ORDER BY offset;";
            long copied = 0;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var data = (byte[])reader.GetValue(0);
                    await destination.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                    copied += data.Length;
                }
            }

            return copied;
        }
    }

    private static string ExpiredText(DateTimeOffset expiresAt) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Its time to live ended at {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z before the terminal exchanged: it was not delivered.");

    /// <summary>The action when it is <paramref name="organization"/>'s: another organization's is not found.</summary>
    private static RemoteAction? Load(SqliteConnection connection, SqliteTransaction? transaction, string organization, Guid id)
    {
        using var command = Command(connection, transaction, $"SELECT {Columns} FROM remote_actions WHERE id = $id AND organization = $organization;");
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        command.Parameters.AddWithValue("$organization", organization);
        return ReadActions(connection, transaction, command) is [var action] ? action : null;
    }

    /// <summary>Writes the changed columns and the transitions added since <paramref name="before"/>.</summary>
    private static void Save(SqliteConnection connection, SqliteTransaction transaction, RemoteAction before, RemoteAction after)
    {
        using (var update = Command(connection, transaction, "UPDATE remote_actions SET state = $state, attempt = $attempt, detail = $detail, output = $output, uploaded_bytes = $uploaded WHERE id = $id;"))
        {
            update.Parameters.AddWithValue("$id", after.Id.ToString("D"));
            update.Parameters.AddWithValue("$state", (int)after.State);
            update.Parameters.AddWithValue("$attempt", after.Attempt);
            update.Parameters.AddWithValue("$detail", (object?)after.Detail ?? DBNull.Value);
            update.Parameters.AddWithValue("$output", (object?)after.Output ?? DBNull.Value);
            update.Parameters.AddWithValue("$uploaded", after.UploadedBytes is { } u ? u : DBNull.Value);
            update.ExecuteNonQuery();
        }

        for (var i = before.History.Count; i < after.History.Count; i++)
        {
            AddHistory(connection, transaction, after.Id, i, after.History[i]);
        }
    }

    private static void AddHistory(SqliteConnection connection, SqliteTransaction transaction, Guid id, int sequence, RemoteActionTransition transition)
    {
        using var insert = Command(connection, transaction, "INSERT INTO remote_action_history (action_id, sequence, state, at, attempt, detail) VALUES ($id, $sequence, $state, $at, $attempt, $detail);");
        insert.Parameters.AddWithValue("$id", id.ToString("D"));
        insert.Parameters.AddWithValue("$sequence", sequence);
        insert.Parameters.AddWithValue("$state", (int)transition.State);
        insert.Parameters.AddWithValue("$at", transition.At.UtcTicks);
        insert.Parameters.AddWithValue("$attempt", transition.Attempt);
        insert.Parameters.AddWithValue("$detail", (object?)transition.Detail ?? DBNull.Value);
        insert.ExecuteNonQuery();
    }

    private static List<RemoteAction> ReadActions(SqliteConnection connection, SqliteTransaction? transaction, SqliteCommand command)
    {
        var actions = new List<RemoteAction>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                actions.Add(new RemoteAction
                {
                    Id = Guid.Parse(reader.GetString(0)),
                    Organization = reader.GetString(1),
                    TerminalId = reader.GetString(2),
                    Name = reader.GetString(3),
                    Parameters = JsonSerializer.Deserialize(reader.GetString(4), SqliteActionsJsonContext.Default.DictionaryStringString) ?? [],
                    State = (RemoteActionState)reader.GetInt32(5),
                    CreatedAt = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                    ExpiresAt = new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
                    Timeout = TimeSpan.FromTicks(reader.GetInt64(8)),
                    MaxAttempts = reader.GetInt32(9),
                    Attempt = reader.GetInt32(10),
                    Detail = reader.IsDBNull(11) ? null : reader.GetString(11),
                    Output = reader.IsDBNull(12) ? null : reader.GetString(12),
                    UploadedBytes = reader.IsDBNull(13) ? null : reader.GetInt64(13),
                });
            }
        }

        using var history = Command(connection, transaction, "SELECT state, at, attempt, detail FROM remote_action_history WHERE action_id = $id ORDER BY sequence;");
        var id = history.Parameters.Add("$id", SqliteType.Text);
        for (var i = 0; i < actions.Count; i++)
        {
            id.Value = actions[i].Id.ToString("D");
            var transitions = new List<RemoteActionTransition>();
            using var reader = history.ExecuteReader();
            while (reader.Read())
            {
                transitions.Add(new((RemoteActionState)reader.GetInt32(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            actions[i] = actions[i] with { History = transitions };
        }

        return actions;
    }
}
