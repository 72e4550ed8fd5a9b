using Npgsql;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>Pages, hourly counts and groups: each one statement over the partitions the window touches (or, for counts by whole hours, over <c>log_hours</c>).</summary>
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
            using var command = new NpgsqlCommand { Connection = connection };
            command.CommandText = $"""
                WITH m AS MATERIALIZED (SELECT e.template_id, e.severity, e.terminal, e.ts, e.id FROM log_entries e WHERE {Where(query, command)}),
                g AS (
                    SELECT template_id, count(*) AS n, max(severity) AS severity, min(ts) AS first_ts,
                           count(DISTINCT terminal) AS terminal_count,
                           (array_agg(DISTINCT terminal ORDER BY terminal) FILTER (WHERE terminal IS NOT NULL))[1:{LogTemplateGroup.MaxTerminalsListed}] AS terminals
                    FROM m GROUP BY template_id),
                latest AS (SELECT DISTINCT ON (template_id) template_id, ts, id FROM m ORDER BY template_id, ts DESC, id DESC)
                SELECT {EntryColumns}, g.n, g.severity, g.first_ts, g.terminal_count, g.terminals
                FROM g JOIN latest l ON l.template_id = g.template_id JOIN log_entries e ON e.ts = l.ts AND e.id = l.id
                ORDER BY g.n DESC, e.template
                LIMIT @group_limit
                """;
            command.Parameters.AddWithValue("group_limit", limit);
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
            using var command = new NpgsqlCommand { Connection = connection };
            command.CommandText = $"""
                WITH m AS MATERIALIZED (SELECT e.terminal, e.organization, e.kind, e.ts, e.tz, e.id FROM log_entries e WHERE {Where(query, command)} AND e.terminal IS NOT NULL),
                t AS (SELECT terminal, count(*) AS n FROM m GROUP BY terminal ORDER BY n DESC, terminal LIMIT @group_limit),
                k AS (SELECT terminal, jsonb_object_agg(kind, n) AS kinds FROM (SELECT terminal, kind, count(*) AS n FROM m WHERE terminal IN (SELECT terminal FROM t) GROUP BY terminal, kind) x GROUP BY terminal),
                latest AS (SELECT DISTINCT ON (terminal) terminal, organization, ts, tz FROM m WHERE terminal IN (SELECT terminal FROM t) ORDER BY terminal, ts DESC, id DESC)
                SELECT t.terminal, latest.organization, t.n, latest.ts, latest.tz, k.kinds::text
                FROM t JOIN latest ON latest.terminal = t.terminal JOIN k ON k.terminal = t.terminal
                ORDER BY t.n DESC, t.terminal
                """;
            command.Parameters.AddWithValue("group_limit", limit);
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
            using var command = new NpgsqlCommand { Connection = connection };
            command.CommandText = $"SELECT count(DISTINCT e.terminal) FROM log_entries e WHERE {Where(query, command)}";
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
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
