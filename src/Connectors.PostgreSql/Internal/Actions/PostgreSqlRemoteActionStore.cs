using Npgsql;
using PosFleet.Actions;

namespace PosFleet.Connectors.PostgreSql.Internal.Actions;

/// <summary>
/// The back office's remote actions on PostgreSQL, shared by every instance. Each change is one transaction that
/// locks the rows it changes: a delivery claims the terminal's pending actions <c>FOR UPDATE SKIP LOCKED</c>, so two
/// instances serving one terminal at once never deliver one action twice; a report or a cancel waits for the action's
/// row, so one outcome is recorded once; adding takes the terminal's advisory lock, so two identical clicks collapse.
/// </summary>
internal sealed partial class PostgreSqlRemoteActionStore(PostgreSqlDatabase database) : IRemoteActionStore
{
    private const string Columns =
        "id, organization, terminal, name, parameter_names, parameter_values, state, created_at, expires_at, timeout, max_attempts, attempt, detail, output, uploaded_bytes";

    public async ValueTask<RemoteActionQueued> AddAsync(RemoteAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return await database.WriteAsync(
            async (connection, transaction) =>
            {
                var key = RemoteActionRules.ParametersKey(action.Parameters);
                using (var terminalLock = PostgreSqlDatabase.Command(
                    connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended('posfleet-actions/' || @terminal, 0))", ("terminal", action.TerminalId)))
                {
                    await terminalLock.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using (var same = PostgreSqlDatabase.Command(
                    connection,
                    transaction,
                    $"""
                    SELECT {Columns} FROM remote_actions
                    WHERE terminal = @terminal AND state IN (0, 1) AND organization = @organization AND name = @name AND parameters_key = @key
                      AND expires_at > @created
                    ORDER BY created_at LIMIT 1
                    """,
                    ("created", action.CreatedAt.UtcTicks),
                    ("terminal", action.TerminalId),
                    ("organization", action.Organization),
                    ("name", action.Name),
                    ("key", key)))
                {
                    if (await ReadActionsAsync(connection, transaction, same, cancellationToken).ConfigureAwait(false) is [var existing])
                    {
                        return new RemoteActionQueued(existing, Collapsed: true);
                    }
                }

                var stored = action with
                {
                    State = RemoteActionState.Pending,
                    History = [new RemoteActionTransition(RemoteActionState.Pending, action.CreatedAt)],
                };
                var parameters = stored.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
                using (var insert = PostgreSqlDatabase.Command(
                    connection,
                    transaction,
                    $"""
                    INSERT INTO remote_actions ({Columns}, parameters_key)
                    VALUES (@id, @organization, @terminal, @name, @names, @values, @state, @created, @expires, @timeout, @max, 0, NULL, NULL, NULL, @key)
                    ON CONFLICT (id) DO NOTHING
                    """,
                    ("id", stored.Id),
                    ("organization", stored.Organization),
                    ("terminal", stored.TerminalId),
                    ("name", stored.Name),
                    ("names", parameters.Select(p => p.Key).ToArray()),
                    ("values", parameters.Select(p => p.Value).ToArray()),
                    ("state", (short)stored.State),
                    ("created", stored.CreatedAt.UtcTicks),
                    ("expires", stored.ExpiresAt.UtcTicks),
                    ("timeout", stored.Timeout.Ticks),
                    ("max", stored.MaxAttempts),
                    ("key", key)))
                {
                    if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        throw new ArgumentException($"An action with id {stored.Id} is already stored.", nameof(action));
                    }
                }

                await AddHistoryAsync(connection, transaction, stored.Id, 0, stored.History[0], cancellationToken).ConfigureAwait(false);
                return new RemoteActionQueued(stored, Collapsed: false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RemoteAction?> GetAsync(string organization, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await LoadAsync(connection, null, organization, id, "", cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<RemoteActionPage> ListAsync(RemoteActionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Organization);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, RemoteActionQuery.MaxLimit);
        var hasCursor = RemoteActionCursor.TryParse(query.After, out var ticks, out var after);
        var where = "organization = @organization"
            + (query.TerminalId is null ? "" : " AND terminal = @terminal")
            + query.List switch
            {
                RemoteActionList.Pending => " AND state < 3",
                RemoteActionList.Done => " AND state >= 3",
                _ => "",
            }
            + (hasCursor ? " AND (created_at, id) < (@ticks, @after)" : "");
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = PostgreSqlDatabase.Command(
                connection,
                null,
                $"SELECT {Columns} FROM remote_actions WHERE {where} ORDER BY created_at DESC, id DESC LIMIT @limit",
                ("organization", query.Organization),
                ("terminal", query.TerminalId ?? ""),
                ("ticks", ticks),
                ("after", after),
                ("limit", query.Limit + 1));
            var page = await ReadActionsAsync(connection, null, command, cancellationToken).ConfigureAwait(false);
            var more = page.Count > query.Limit;
            if (more)
            {
                page.RemoveAt(page.Count - 1);
            }

            return new RemoteActionPage(page, more ? RemoteActionCursor.Of(page[^1]) : null);
        }
    }
}
