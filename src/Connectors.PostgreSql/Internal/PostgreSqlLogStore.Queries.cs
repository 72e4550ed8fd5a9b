using Npgsql;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// Pages, hourly counts and groups: each one statement over the partitions the window touches, or over the rollups for
/// its whole hours (<c>log_hours</c> for counts, <c>organization_template_terminals</c> for groups of alerts and errors).
/// </summary>
internal sealed partial class PostgreSqlLogStore
{
    public async ValueTask<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var after = query.After is null ? ((long Ticks, long Id)?)null : LogCursor.Decode(query.After);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand { Connection = connection };
            var where = Where(query, command);
            if (after is { } a)
            {
                where += " AND (e.ts, e.id) < (@after_ts, @after_id)";
                command.Parameters.AddWithValue("after_ts", a.Ticks);
                command.Parameters.AddWithValue("after_id", a.Id);
            }

            command.CommandText = $"SELECT {EntryColumns} FROM log_entries e WHERE {where} ORDER BY e.ts DESC, e.id DESC LIMIT @limit";
            command.Parameters.AddWithValue("limit", query.Limit + 1);
            var entries = new List<LogEntry>();
            (long Ticks, long Id) last = default;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (entries.Count == query.Limit)
                {
                    return new LogPage(entries, LogCursor.Encode(last.Ticks, last.Id));
                }

                entries.Add(ReadEntry(reader));
                last = (reader.GetInt64(0), reader.GetInt64(2));
            }

            return new LogPage(entries, null);
        }
    }

    public async ValueTask<IReadOnlyList<LogCountBucket>> CountAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (HoursAnswer(query))
            {
                return await CountHoursAsync(connection, query, cancellationToken).ConfigureAwait(false);
            }

            using var command = new NpgsqlCommand { Connection = connection };
            command.CommandText = $"""
                SELECT e.ts - e.ts % {TimeSpan.TicksPerHour} AS hour, e.severity, e.kind, count(*)
                FROM log_entries e WHERE {Where(query, command)}
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """;
            var buckets = new List<LogCountBucket>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                buckets.Add(new LogCountBucket(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), (LogSeverity)reader.GetInt16(1), (LogKind)reader.GetInt16(2), reader.GetInt64(3)));
            }

            return buckets;
        }
    }

    public async ValueTask<IReadOnlyList<LogTemplateGroup>> GroupByTemplateAsync(LogQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = TemplateGroupsCommand(query, limit);
            command.Connection = connection;
            var groups = new List<LogTemplateGroup>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var latest = ReadEntry(reader);
                groups.Add(new LogTemplateGroup
                {
                    TemplateId = latest.TemplateId,
                    Template = latest.Template,
                    Kind = latest.Kind,
                    Severity = (LogSeverity)reader.GetInt16(20),
                    Count = reader.GetInt64(19),
                    FirstSeen = new DateTimeOffset(reader.GetInt64(21), TimeSpan.Zero),
                    LastSeen = latest.Timestamp,
                    Example = latest,
                    Terminals = reader.IsDBNull(23) ? [] : reader.GetFieldValue<string[]>(23),
                    TerminalCount = reader.GetInt64(22),
                    Rule = latest.Rule,
                    Hint = latest.Hint,
                    KnowledgeBaseUrl = latest.KnowledgeBaseUrl,
                    Origin = latest.Origin,
                });
            }

            return groups;
        }
    }

    public async ValueTask<IReadOnlyList<LogTerminalGroup>> GroupByTerminalAsync(LogQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = TerminalGroupsCommand(query, limit);
            command.Connection = connection;
            var groups = new List<LogTerminalGroup>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var offset = TimeSpan.FromMinutes(reader.GetInt16(4));
                groups.Add(new LogTerminalGroup
                {
                    Terminal = reader.GetString(0),
                    Organization = Text(reader, 1),
                    Count = reader.GetInt64(2),
                    LastSeen = new DateTimeOffset(reader.GetInt64(3) + offset.Ticks, offset),
                    Kinds = ParseKinds(reader.GetString(5)),
                });
            }

            return groups;
        }
    }

    public async ValueTask<long> CountTerminalsAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = TerminalCountCommand(query);
            command.Connection = connection;
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <summary>The statement of <see cref="GroupByTemplateAsync"/>, without its connection.</summary>
    internal static NpgsqlCommand TemplateGroupsCommand(LogQuery query, int limit)
    {
        var command = new NpgsqlCommand();
        var (rows, filters, materialized) = GroupRows(query, command);

        // The groups that can be among the first (those tied with the last one included) are ordered by the text of
        // their template, which their example gives: the latest entry in scope, found by one seek at the latest
        // instant (of two at that instant, the one appended last).
        command.CommandText = $"""
            WITH p AS {materialized} ({rows}),
            g AS (SELECT template_id, sum(n)::bigint AS n, max(severity) AS severity, min(first_ts) AS first_ts, max(last_ts) AS last_ts FROM p GROUP BY template_id),
            c AS (SELECT * FROM g WHERE n >= coalesce((SELECT n FROM g ORDER BY n DESC OFFSET @group_limit - 1 LIMIT 1), 0)),
            pairs AS (SELECT DISTINCT template_id, terminal FROM p WHERE template_id IN (SELECT template_id FROM c) AND terminal IS NOT NULL),
            t AS (SELECT template_id, count(*) AS terminal_count, (array_agg(terminal ORDER BY terminal))[1:{LogTemplateGroup.MaxTerminalsListed}] AS terminals FROM pairs GROUP BY template_id)
            SELECT {EntryColumns}, c.n, c.severity, c.first_ts, coalesce(t.terminal_count, 0), t.terminals
            FROM c LEFT JOIN t ON t.template_id = c.template_id
            CROSS JOIN LATERAL (SELECT {EntryColumns} FROM log_entries e WHERE {filters} AND e.template_id = c.template_id AND e.ts = c.last_ts ORDER BY e.id DESC LIMIT 1) e
            ORDER BY c.n DESC, e.template
            LIMIT @group_limit
            """;
        command.Parameters.AddWithValue("group_limit", limit);
        return command;
    }

    /// <summary>The statement of <see cref="GroupByTerminalAsync"/>, without its connection.</summary>
    internal static NpgsqlCommand TerminalGroupsCommand(LogQuery query, int limit)
    {
        var command = new NpgsqlCommand();
        var (rows, _, materialized) = GroupRows(query, command, "e.terminal IS NOT NULL");

        // The organization and offset are the latest entry's (of two at one instant, the one appended last, where
        // the entries are read; the rollup keeps one offset per row).
        command.CommandText = $"""
            WITH p AS {materialized} ({rows}),
            t AS (SELECT terminal, sum(n)::bigint AS n FROM p GROUP BY terminal ORDER BY n DESC, terminal LIMIT @group_limit),
            x AS MATERIALIZED (SELECT terminal, kind, n, organization, last_ts, last_tz, last_id FROM p WHERE terminal IN (SELECT terminal FROM t)),
            k AS (SELECT terminal, jsonb_object_agg(kind, n) AS kinds FROM (SELECT terminal, kind, sum(n)::bigint AS n FROM x GROUP BY terminal, kind) y GROUP BY terminal),
            latest AS (SELECT DISTINCT ON (terminal) terminal, organization, last_ts, last_tz FROM x ORDER BY terminal, last_ts DESC, last_id DESC NULLS LAST)
            SELECT t.terminal, latest.organization, t.n, latest.last_ts, latest.last_tz, k.kinds::text
            FROM t JOIN latest ON latest.terminal = t.terminal JOIN k ON k.terminal = t.terminal
            ORDER BY t.n DESC, t.terminal
            """;
        command.Parameters.AddWithValue("group_limit", limit);
        return command;
    }

    /// <summary>The statement of <see cref="CountTerminalsAsync"/>, without its connection.</summary>
    internal static NpgsqlCommand TerminalCountCommand(LogQuery query)
    {
        var command = new NpgsqlCommand();
        var (rows, _, _) = GroupRows(query, command, "e.terminal IS NOT NULL");
        command.CommandText = $"SELECT count(DISTINCT terminal) FROM ({rows}) p";
        return command;
    }

    /// <summary>Reads <c>{"1": 3, "4": 2}</c> (kind: count), as <c>jsonb_object_agg</c> writes it.</summary>
    private static Dictionary<LogKind, long> ParseKinds(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .Select(p => (Kind: (LogKind)int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), Count: p.Value.GetInt64()))
            .OrderBy(p => p.Kind)
            .ToDictionary(p => p.Kind, p => p.Count);
    }
}
