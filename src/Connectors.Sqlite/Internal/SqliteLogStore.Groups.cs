using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>Counts and groups: read from the hourly rollups where they answer the query, else from the entries.</summary>
internal sealed partial class SqliteLogStore
{
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
}
