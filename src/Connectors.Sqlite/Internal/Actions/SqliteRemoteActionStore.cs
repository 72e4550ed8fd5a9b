using System.Text.Json;
using Microsoft.Data.Sqlite;
using static PosFleet.Connectors.Sqlite.Internal.Actions.SqliteActionsAccess;
using PosFleet.Actions;

namespace PosFleet.Connectors.Sqlite.Internal.Actions;

/// <summary>
/// The back office's remote actions in the SQLite file. Every change is one <c>BEGIN IMMEDIATE</c> transaction (read
/// the action, apply <see cref="RemoteActionRules"/>, write it and its history), one at a time in this process and
/// under SQLite's write lock between processes, so two exchanges of a terminal never record one outcome twice.
/// </summary>
internal sealed partial class SqliteRemoteActionStore(SqliteDatabase database) : IRemoteActionStore, IDisposable
{
    private const string Columns = "id, organization, terminal, name, parameters, state, created_at, expires_at, timeout, max_attempts, attempt, detail, output, uploaded_bytes";
    private readonly SqliteActionsAccess _access = new(database);

    public async ValueTask<RemoteActionQueued> AddAsync(RemoteAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return await _access.WriteAsync(
            (connection, transaction) =>
            {
                using (var same = Command(connection, transaction, $"""
                    SELECT {Columns} FROM remote_actions
                    WHERE terminal = $terminal AND state IN (0, 1) AND organization = $organization AND name = $name AND parameters_key = $key
                      AND expires_at > $created
                    ORDER BY created_at LIMIT 1;
                    """))
                {
                    same.Parameters.AddWithValue("$created", action.CreatedAt.UtcTicks);
                    same.Parameters.AddWithValue("$terminal", action.TerminalId);
                    same.Parameters.AddWithValue("$organization", action.Organization);
                    same.Parameters.AddWithValue("$name", action.Name);
                    same.Parameters.AddWithValue("$key", RemoteActionRules.ParametersKey(action.Parameters));
                    if (ReadActions(connection, transaction, same) is [var existing])
                    {
                        return new RemoteActionQueued(existing, Collapsed: true);
                    }
                }

                var stored = action with
                {
                    State = RemoteActionState.Pending,
                    History = [new RemoteActionTransition(RemoteActionState.Pending, action.CreatedAt)],
                };
                using (var insert = Command(connection, transaction, $"""
                    INSERT INTO remote_actions ({Columns}, parameters_key)
                    VALUES ($id, $organization, $terminal, $name, $parameters, $state, $created, $expires, $timeout, $max, 0, NULL, NULL, NULL, $key);
                    """))
                {
                    insert.Parameters.AddWithValue("$id", stored.Id.ToString("D"));
                    insert.Parameters.AddWithValue("$organization", stored.Organization);
                    insert.Parameters.AddWithValue("$terminal", stored.TerminalId);
                    insert.Parameters.AddWithValue("$name", stored.Name);
                    insert.Parameters.AddWithValue("$parameters", JsonSerializer.Serialize(new Dictionary<string, string>(stored.Parameters), SqliteActionsJsonContext.Default.DictionaryStringString));
                    insert.Parameters.AddWithValue("$state", (int)stored.State);
                    insert.Parameters.AddWithValue("$created", stored.CreatedAt.UtcTicks);
                    insert.Parameters.AddWithValue("$expires", stored.ExpiresAt.UtcTicks);
                    insert.Parameters.AddWithValue("$timeout", stored.Timeout.Ticks);
                    insert.Parameters.AddWithValue("$max", stored.MaxAttempts);
                    insert.Parameters.AddWithValue("$key", RemoteActionRules.ParametersKey(stored.Parameters));
                    try
                    {
                        insert.ExecuteNonQuery();
                    }
                    catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
                    {
                        throw new ArgumentException($"An action with id {stored.Id} is already stored.", nameof(action), ex);
                    }
                }

                AddHistory(connection, transaction, stored.Id, 0, stored.History[0]);
                return new RemoteActionQueued(stored, Collapsed: false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RemoteAction?> GetAsync(string organization, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return await _access.ReadAsync(connection => Load(connection, null, organization, id), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RemoteActionPage> ListAsync(RemoteActionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Organization);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, RemoteActionQuery.MaxLimit);
        var hasCursor = RemoteActionCursor.TryParse(query.After, out var ticks, out var after);
        return await _access.ReadAsync(
            connection =>
            {
                var where = "organization = $organization"
                    + (query.TerminalId is null ? "" : " AND terminal = $terminal")
                    + query.List switch
                    {
                        RemoteActionList.Pending => " AND state < 3",
                        RemoteActionList.Done => " AND state >= 3",
                        _ => "",
                    }
                    + (hasCursor ? " AND (created_at < $ticks OR (created_at = $ticks AND id < $after))" : "");
                using var command = Command(connection, null, $"SELECT {Columns} FROM remote_actions WHERE {where} ORDER BY created_at DESC, id DESC LIMIT $limit;");
                command.Parameters.AddWithValue("$organization", query.Organization);
                command.Parameters.AddWithValue("$terminal", (object?)query.TerminalId ?? DBNull.Value);
                command.Parameters.AddWithValue("$ticks", ticks);
                command.Parameters.AddWithValue("$after", after.ToString("D"));
                command.Parameters.AddWithValue("$limit", query.Limit + 1);
                var page = ReadActions(connection, null, command);
                var more = page.Count > query.Limit;
                if (more)
                {
                    page.RemoveAt(page.Count - 1);
                }

                return new RemoteActionPage(page, more ? RemoteActionCursor.Of(page[^1]) : null);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _access.Dispose();
}
