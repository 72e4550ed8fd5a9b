using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

internal sealed partial class SqliteLogStore
{
    private const string EntryColumns = """
        e.id, e.ts, e.tz, s.name, e.line, o.terminal, o.organization, o.component, o.level, e.kind, e.severity,
        t.hash, t.text, r.name, r.hint, r.kb_url, e.reference, e.message, e.params
        """;

    private const string EntryJoins = """
        JOIN sources s ON s.id = e.source_id
        JOIN origins o ON o.id = e.origin_id
        JOIN templates t ON t.id = e.template_id
        LEFT JOIN rules r ON r.id = e.rule_id
        """;

    public async ValueTask<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        return await ReadAsync(
            async connection =>
            {
                // A rare word's matches are read from the full-text index and sorted. A common word is searched among
                // the newest entries first, in growing windows of time, where it fills a page; failing that, like a rare one.
                var match = query.Text is null ? null : SqliteFullText.ToMatch(query.Text);
                if (match is null)
                {
                    return await ReadPageAsync(connection, query, null, null, cancellationToken).ConfigureAwait(false);
                }

                if (await IsRareAsync(connection, match, cancellationToken).ConfigureAwait(false))
                {
                    return await ReadPageAsync(connection, query, match, null, cancellationToken).ConfigureAwait(false);
                }

                await foreach (var window in RecentWindowsAsync(connection, query, cancellationToken).ConfigureAwait(false))
                {
                    // A full page found after the window's start is exactly the page: anything older ranks below it.
                    var page = await ReadPageAsync(connection, query, null, window, cancellationToken).ConfigureAwait(false);
                    if (page.Next is not null)
                    {
                        return page;
                    }
                }

                return await ReadPageAsync(connection, query, match, null, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last ten minutes, hour and six hours before the query's upper bound, each with the row ids its entries span.</summary>
    private static async IAsyncEnumerable<(long FromTicks, long LowId, long HighId)> RecentWindowsAsync(
        SqliteConnection connection, LogQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long newest;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT max(ts) FROM entries WHERE ts < $to;";
            var to = query.To?.UtcTicks ?? long.MaxValue;
            if (query.After is not null)
            {
                to = Math.Min(to, SqliteCursor.Decode(query.After).UtcTicks + 1);
            }

            command.Parameters.AddWithValue("$to", to);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long n)
            {
                yield break;
            }

            newest = n;
        }

        foreach (var minutes in (int[])[10, 60, 360])
        {
            var from = newest - (minutes * TimeSpan.TicksPerMinute);
            if (query.From is { } f && f.UtcTicks >= from)
            {
                break;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT min(id), max(id) FROM entries WHERE ts >= $from AND ts <= $newest;";
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$newest", newest);
            (long, long)? ids = null;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
                {
                    ids = (reader.GetInt64(0), reader.GetInt64(1));
                }
            }

            if (ids is { } range)
            {
                yield return (from, range.Item1, range.Item2);
            }
        }
    }

    /// <summary>Whether a word has so few matches (at most 1,000) that reading and sorting them all is cheapest.</summary>
    private static async Task<bool> IsRareAsync(SqliteConnection connection, string match, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) <= 1000 FROM (SELECT rowid FROM entries_text WHERE entries_text MATCH $match LIMIT 1001);";
        command.Parameters.AddWithValue("$match", match);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! != 0;
    }

    /// <param name="textFirst">The full-text query to start from (a rare word), or <see langword="null"/> to walk the time index.</param>
    /// <param name="window">Only entries from this instant, whose matches lie between these row ids.</param>
    private static async Task<LogPage> ReadPageAsync(
        SqliteConnection connection, LogQuery query, string? textFirst, (long FromTicks, long LowId, long HighId)? window, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        var where = Where(textFirst is not null ? query with { Text = null } : query, command, window);
        if (query.After is not null)
        {
            var (ticks, id) = SqliteCursor.Decode(query.After);
            where.Append(" AND (e.ts < $after_ts OR (e.ts = $after_ts AND e.id < $after_id))");
            command.Parameters.AddWithValue("$after_ts", ticks);
            command.Parameters.AddWithValue("$after_id", id);
        }

        var from = "entries e";
        if (textFirst is not null)
        {
            // CROSS JOIN keeps this join order: the index's matches first, then their rows.
            from = "(SELECT rowid AS id FROM entries_text WHERE entries_text MATCH $match) m CROSS JOIN entries e ON e.id = m.id";
            command.Parameters.AddWithValue("$match", textFirst);
        }

        command.CommandText = $"SELECT {EntryColumns} FROM {from} {EntryJoins} WHERE {where} ORDER BY e.ts DESC, e.id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        var entries = new List<LogEntry>();
        long lastTicks = 0, lastId = 0;
        var more = false;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (entries.Count == query.Limit)
                {
                    more = true;
                    break;
                }

                entries.Add(ReadEntry(reader));
                (lastId, lastTicks) = (reader.GetInt64(0), reader.GetInt64(1));
            }
        }

        return new LogPage(entries, more ? SqliteCursor.Encode(lastTicks, lastId) : null);
    }

    public async ValueTask<IReadOnlyList<LogCountBucket>> CountAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadAsync<IReadOnlyList<LogCountBucket>>(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = SqliteRollups.Covers(query)
                    ? $"SELECT hour, severity, kind, sum(n) FROM template_hours WHERE {RollupWhere(query, command)} GROUP BY hour, severity, kind ORDER BY hour, severity, kind;"
                    : string.Create(CultureInfo.InvariantCulture,
                        $"SELECT e.ts / {TimeSpan.TicksPerHour} AS hour, e.severity, e.kind, count(*) FROM entries e WHERE {Where(query, command)} GROUP BY hour, e.severity, e.kind ORDER BY hour, e.severity, e.kind;");
                var buckets = new List<LogCountBucket>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        buckets.Add(new LogCountBucket(
                            new DateTimeOffset(reader.GetInt64(0) * TimeSpan.TicksPerHour, TimeSpan.Zero), (LogSeverity)reader.GetInt32(1), (LogKind)reader.GetInt32(2), reader.GetInt64(3)));
                    }
                }

                return buckets;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<LogTemplateGroup>> GroupByTemplateAsync(LogQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var groups = await ReadAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                var groups = SqliteRollups.Covers(query)
                    ? $"SELECT template_id, sum(n) AS n, max(severity) AS severity, min(first_ts) AS first_ts FROM template_hours WHERE {RollupWhere(query, command)} GROUP BY template_id"
                    : $"SELECT e.template_id, count(*) AS n, max(e.severity) AS severity, min(e.ts) AS first_ts FROM entries e WHERE {Where(query, command)} GROUP BY e.template_id";
                command.CommandText = $"""
                    SELECT t.hash, t.text, g.n, g.severity, g.first_ts
                    FROM ({groups}) g
                    JOIN templates t ON t.id = g.template_id
                    ORDER BY g.n DESC, t.text
                    LIMIT $limit;
                    """;
                command.Parameters.AddWithValue("$limit", limit);
                var rows = new List<(long Id, string Text, long Count, LogSeverity Severity, long FirstTicks)>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), (LogSeverity)reader.GetInt32(3), reader.GetInt64(4)));
                    }
                }

                return rows;
            },
            cancellationToken).ConfigureAwait(false);

        var result = new List<LogTemplateGroup>(groups.Count);
        foreach (var g in groups)
        {
            var scoped = query with { TemplateId = unchecked((ulong)g.Id), After = null, Limit = 1 };
            var latest = (await QueryAsync(scoped, cancellationToken).ConfigureAwait(false)).Entries[0];
            var terminals = await DistinctTerminalsAsync(scoped, cancellationToken).ConfigureAwait(false);
            result.Add(new LogTemplateGroup
            {
                TemplateId = unchecked((ulong)g.Id),
                Template = g.Text,
                Kind = latest.Kind,
                Severity = g.Severity,
                Count = g.Count,
                FirstSeen = new DateTimeOffset(g.FirstTicks, TimeSpan.Zero),
                LastSeen = latest.Timestamp,
                Example = latest,
                Terminals = terminals,
                Rule = latest.Rule,
                Hint = latest.Hint,
                KnowledgeBaseUrl = latest.KnowledgeBaseUrl,
            });
        }

        return result;
    }

    public async ValueTask<IReadOnlyList<LogTerminalGroup>> GroupByTerminalAsync(LogQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync<IReadOnlyList<LogTerminalGroup>>(
            async connection =>
            {
                using var command = connection.CreateCommand();
                // max(…) makes SQLite take the bare columns (organization, tz) from the latest row of each group.
                command.CommandText = SqliteRollups.Covers(query) ? $"""
                    SELECT terminal, sum(n) AS n, max(last_ts), last_tz, organization FROM terminal_hours
                    WHERE {RollupWhere(query, command)} GROUP BY terminal ORDER BY n DESC, terminal LIMIT $limit;
                    """ : $"""
                    SELECT o.terminal, count(*) AS n, max(e.ts), e.tz, o.organization FROM entries e JOIN origins o ON o.id = e.origin_id
                    WHERE {Where(query, command)} AND o.terminal IS NOT NULL GROUP BY o.terminal ORDER BY n DESC, o.terminal LIMIT $limit;
                    """;
                command.Parameters.AddWithValue("$limit", limit);
                var groups = new List<LogTerminalGroup>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        groups.Add(new LogTerminalGroup(
                            reader.GetString(0), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(1), ToTime(reader.GetInt64(2), reader.GetInt32(3))));
                    }
                }

                return groups;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<string>> DistinctTerminalsAsync(LogQuery query, CancellationToken cancellationToken) =>
        await ReadAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = SqliteRollups.Covers(query) && query.Severities is { } severities && !severities.Contains(LogSeverity.Success)
                    ? $"SELECT DISTINCT terminal FROM template_terminals WHERE {RollupWhere(query, command, "template_id")};"
                    : $"SELECT DISTINCT o.terminal FROM entries e JOIN origins o ON o.id = e.origin_id WHERE {Where(query, command)} AND o.terminal IS NOT NULL;";
                var terminals = new List<string>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        terminals.Add(reader.GetString(0));
                    }
                }

                terminals.Sort(StringComparer.Ordinal);
                return terminals;
            },
            cancellationToken).ConfigureAwait(false);

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await read(connection).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }

    private static StringBuilder Where(LogQuery q, SqliteCommand command, (long FromTicks, long LowId, long HighId)? window = null)
    {
        var where = new StringBuilder("1");
        void Add(string condition, string name, object value)
        {
            where.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (q.From is { } from)
        {
            Add("e.ts >= $from", "$from", from.UtcTicks);
        }

        if (q.To is { } to)
        {
            Add("e.ts < $to", "$to", to.UtcTicks);
        }

        if (q.Organization is not null)
        {
            Add("e.origin_id IN (SELECT id FROM origins WHERE organization = $organization)", "$organization", q.Organization);
        }

        if (q.Terminal is not null)
        {
            Add("e.origin_id IN (SELECT id FROM origins WHERE terminal = $terminal)", "$terminal", q.Terminal);
        }

        if (q.TemplateId is { } template)
        {
            Add("e.template_id = (SELECT id FROM templates WHERE hash = $template)", "$template", unchecked((long)template));
        }

        if (q.Reference is not null)
        {
            Add("e.reference = $reference", "$reference", q.Reference);
        }

        if (q.Kinds is not null)
        {
            where.Append(" AND e.kind IN (").AppendJoin(',', q.Kinds.Select(k => (int)k)).Append(')');
        }

        if (q.Severities is not null)
        {
            where.Append(" AND e.severity IN (").AppendJoin(',', q.Severities.Select(s => (int)s)).Append(')');
        }

        if (q.Text is not null && SqliteFullText.ToMatch(q.Text) is { } match)
        {
            if (window is { } w)
            {
                Add("e.ts >= $window_from", "$window_from", w.FromTicks);
                Add("e.id IN (SELECT rowid FROM entries_text WHERE entries_text MATCH $match AND rowid BETWEEN $low_id AND $high_id)", "$match", match);
                command.Parameters.AddWithValue("$low_id", w.LowId);
                command.Parameters.AddWithValue("$high_id", w.HighId);
            }
            else
            {
                Add("e.id IN (SELECT rowid FROM entries_text WHERE entries_text MATCH $match)", "$match", match);
            }
        }
        else if (q.Text is not null)
        {
            // A text without a word matches nothing.
            where.Append(" AND 0");
        }

        return where;
    }

    private static StringBuilder RollupWhere(LogQuery q, SqliteCommand command, string templateColumn = "template_id")
    {
        var where = new StringBuilder("1");
        if (q.From is { } from)
        {
            where.Append(" AND hour >= $from_hour");
            command.Parameters.AddWithValue("$from_hour", from.UtcTicks / TimeSpan.TicksPerHour);
        }

        if (q.To is { } to)
        {
            where.Append(" AND hour < $to_hour");
            command.Parameters.AddWithValue("$to_hour", to.UtcTicks / TimeSpan.TicksPerHour);
        }

        if (q.TemplateId is { } template)
        {
            where.Append(" AND ").Append(templateColumn).Append(" = (SELECT id FROM templates WHERE hash = $template)");
            command.Parameters.AddWithValue("$template", unchecked((long)template));
        }

        if (q.Kinds is not null)
        {
            where.Append(" AND kind IN (").AppendJoin(',', q.Kinds.Select(k => (int)k)).Append(')');
        }

        if (q.Severities is not null)
        {
            where.Append(" AND severity IN (").AppendJoin(',', q.Severities.Select(s => (int)s)).Append(')');
        }

        return where;
    }

    private static LogEntry ReadEntry(SqliteDataReader r) => new()
    {
        Timestamp = ToTime(r.GetInt64(1), r.GetInt32(2)),
        Position = new LogPosition(r.GetString(3), r.GetInt64(4)),
        Terminal = r.IsDBNull(5) ? null : r.GetString(5),
        Organization = r.IsDBNull(6) ? null : r.GetString(6),
        Component = r.IsDBNull(7) ? null : r.GetString(7),
        Level = r.GetString(8),
        Kind = (LogKind)r.GetInt32(9),
        Severity = (LogSeverity)r.GetInt32(10),
        TemplateId = unchecked((ulong)r.GetInt64(11)),
        Template = r.GetString(12),
        Rule = r.IsDBNull(13) ? null : r.GetString(13),
        Hint = r.IsDBNull(14) ? null : r.GetString(14),
        KnowledgeBaseUrl = r.IsDBNull(15) ? null : new Uri(r.GetString(15), UriKind.Absolute),
        Reference = r.IsDBNull(16) ? null : r.GetString(16),
        Message = r.IsDBNull(17) ? MessageParams.Join(r.GetString(12), r.GetString(18)) : r.GetString(17),
    };

    private static DateTimeOffset ToTime(long utcTicks, int offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
}
