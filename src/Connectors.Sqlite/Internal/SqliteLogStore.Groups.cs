using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// Counts and groups. A query the rollups can answer reads its whole hours from them and only the partial hours at
/// the ends of its window from the entries, so that a window such as "the last 24 hours, ending now" reads a
/// few thousand rollup rows and at most two hours of entries, however large the store; the result is exact.
/// </summary>
internal sealed partial class SqliteLogStore
{
    private static readonly string HourOfEntry = string.Create(CultureInfo.InvariantCulture, $"e.ts / {TimeSpan.TicksPerHour}");

    public async ValueTask<IReadOnlyList<LogCountBucket>> CountAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return await ReadAsync<IReadOnlyList<LogCountBucket>>(
            async connection =>
            {
                using var command = connection.CreateCommand();
                var table = query.Terminal is not null ? TerminalRollupsAnswer(query) ? "terminal_hours" : null
                    : TemplateRollupsAnswer(query) ? "template_hours"
                    : OrganizationRollupsAnswer(query) ? "organization_hours"
                    : null;
                var parts = Parts(
                    table is null ? (null, [query]) : Split(query),
                    command,
                    rollup: where => $"SELECT hour, severity, kind, n FROM {table} WHERE {where}",
                    entries: where => $"SELECT {HourOfEntry} AS hour, e.severity, e.kind, count(*) AS n FROM entries e WHERE {where} GROUP BY 1, 2, 3");
                command.CommandText = $"SELECT hour, severity, kind, sum(n) FROM ({parts}) GROUP BY hour, severity, kind ORDER BY hour, severity, kind;";
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
        query.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync<IReadOnlyList<LogTemplateGroup>>(
            async connection =>
            {
                var rows = new List<(long Id, string Text, long Count, LogSeverity Severity, long FirstTicks, long LastTicks)>();
                using (var command = connection.CreateCommand())
                {
                    var table = await OrganizationAlertRollupsAnswerAsync(connection, query, cancellationToken).ConfigureAwait(false) ? "organization_template_terminals"
                        : TemplateRollupsAnswer(query) ? "template_hours"
                        : null;
                    var parts = Parts(
                        table is null ? (null, [query]) : Split(query),
                        command,
                        rollup: where => $"SELECT template_id, n, severity, first_ts, last_ts FROM {table} WHERE {where}",
                        entries: where => $"SELECT e.template_id AS template_id, count(*) AS n, max(e.severity) AS severity, min(e.ts) AS first_ts, max(e.ts) AS last_ts FROM entries e WHERE {where} GROUP BY e.template_id",
                        hourByHour: table == "organization_template_terminals");
                    command.CommandText = $"""
                        SELECT t.hash, t.text, g.n, g.severity, g.first_ts, g.last_ts
                        FROM (SELECT template_id, sum(n) AS n, max(severity) AS severity, min(first_ts) AS first_ts, max(last_ts) AS last_ts FROM ({parts}) GROUP BY template_id) g
                        JOIN templates t ON t.id = g.template_id
                        ORDER BY g.n DESC, t.text
                        LIMIT $limit;
                        """;
                    command.Parameters.AddWithValue("$limit", limit);
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), (LogSeverity)reader.GetInt32(3), reader.GetInt64(4), reader.GetInt64(5)));
                        }
                    }
                }

                var result = new List<LogTemplateGroup>(rows.Count);
                foreach (var g in rows)
                {
                    var scoped = query with { TemplateId = unchecked((ulong)g.Id), After = null, Limit = 1 };

                    // The example is the latest entry in scope, at the latest instant the groups name: one seek for it
                    // (by template and instant). Rollups a retention run has not finished with may name an instant
                    // whose entries are gone; then the template's entries are read from the latest down.
                    var latestInstant = new DateTimeOffset(g.LastTicks, TimeSpan.Zero);
                    var page = await PageAsync(connection, scoped with { From = latestInstant, To = latestInstant.AddTicks(1) }, cancellationToken).ConfigureAwait(false);
                    if (page.Entries.Count == 0)
                    {
                        page = await PageAsync(connection, scoped, cancellationToken).ConfigureAwait(false);
                    }

                    // Rollups that name a template whose entries are gone (written by an older version, or a store
                    // edited by hand) have nothing to show for it: the group is left out rather than made up.
                    if (page.Entries is not [var latest, ..])
                    {
                        continue;
                    }

                    var (terminals, terminalCount) = await DistinctTerminalsAsync(connection, scoped, cancellationToken).ConfigureAwait(false);
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
                        TerminalCount = terminalCount,
                        Rule = latest.Rule,
                        Hint = latest.Hint,
                        KnowledgeBaseUrl = latest.KnowledgeBaseUrl,
                        Origin = latest.Origin,
                    });
                }

                return result;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> CountTerminalsAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                var table = await TerminalRollupAsync(connection, query, cancellationToken).ConfigureAwait(false);
                var parts = Parts(
                    table is null ? (null, [query]) : Split(query),
                    command,
                    rollup: where => $"SELECT DISTINCT terminal FROM {table} WHERE {where}{NamedTerminals(table)}",
                    entries: where => $"SELECT DISTINCT o.terminal AS terminal FROM entries e JOIN origins o ON o.id = e.origin_id WHERE {where} AND o.terminal IS NOT NULL",
                    union: "UNION",
                    hourByHour: table == "organization_template_terminals");
                command.CommandText = $"SELECT count(*) FROM ({parts});";
                return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<LogTerminalGroup>> GroupByTerminalAsync(LogQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync<IReadOnlyList<LogTerminalGroup>>(
            async connection =>
            {
                using var command = connection.CreateCommand();
                var table = await TerminalRollupAsync(connection, query, cancellationToken).ConfigureAwait(false);
                var parts = Parts(
                    table is null ? (null, [query]) : Split(query),
                    command,
                    rollup: where => $"SELECT terminal, kind, n, last_ts, last_tz AS tz, organization FROM {table} WHERE {where}{NamedTerminals(table)}",
                    entries: where => $"""
                        SELECT o.terminal AS terminal, e.kind AS kind, count(*) AS n, max(e.ts) AS last_ts, e.tz AS tz, o.organization AS organization
                        FROM entries e JOIN origins o ON o.id = e.origin_id
                        WHERE {where} AND o.terminal IS NOT NULL GROUP BY o.terminal, e.kind
                        """,
                    hourByHour: table == "organization_template_terminals");

                // max(…) makes SQLite take the bare columns (organization, tz) from the latest row of each group; the
                // top terminals are chosen first, then their counts per kind are read.
                command.CommandText = $"""
                    WITH p AS ({parts}),
                    top AS (SELECT terminal, sum(n) AS total, max(last_ts) AS last_ts, tz, organization FROM p GROUP BY terminal ORDER BY total DESC, terminal LIMIT $limit)
                    SELECT top.terminal, top.total, top.last_ts, top.tz, top.organization, k.kind, k.n
                    FROM top JOIN (SELECT terminal, kind, sum(n) AS n FROM p GROUP BY terminal, kind) k ON k.terminal = top.terminal
                    ORDER BY top.total DESC, top.terminal, k.kind;
                    """;
                command.Parameters.AddWithValue("$limit", limit);
                var groups = new List<LogTerminalGroup>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    Dictionary<LogKind, long>? kinds = null;
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var terminal = reader.GetString(0);
                        if (groups.Count == 0 || groups[^1].Terminal != terminal)
                        {
                            kinds = [];
                            groups.Add(new LogTerminalGroup
                            {
                                Terminal = terminal,
                                Organization = reader.IsDBNull(4) ? null : reader.GetString(4),
                                Count = reader.GetInt64(1),
                                Kinds = kinds,
                                LastSeen = ToTime(reader.GetInt64(2), reader.GetInt32(3)),
                            });
                        }

                        kinds![(LogKind)reader.GetInt32(5)] = reader.GetInt64(6);
                    }
                }

                return groups;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rollup table that answers a query for terminals over its whole hours, or <see langword="null"/> when none does.</summary>
    private static async Task<string?> TerminalRollupAsync(SqliteConnection connection, LogQuery query, CancellationToken cancellationToken) =>
        await OrganizationAlertRollupsAnswerAsync(connection, query, cancellationToken).ConfigureAwait(false) ? "organization_template_terminals"
        : TerminalRollupsAnswer(query) ? "terminal_hours"
        : null;

    /// <summary>The condition that leaves out the rows of entries without a terminal, which only <c>organization_template_terminals</c> holds.</summary>
    private static string NamedTerminals(string? table) => table == "organization_template_terminals" ? " AND terminal <> ''" : "";

    /// <summary>
    /// The first terminals by name (at most <see cref="LogTemplateGroup.MaxTerminalsListed"/>) that wrote a template's
    /// entries in a query's scope, and how many did: the names are not all read, however many there are.
    /// </summary>
    private static async Task<(List<string> Names, long Count)> DistinctTerminalsAsync(SqliteConnection connection, LogQuery query, CancellationToken cancellationToken)
    {
        // template_terminals holds the alerts and errors only: it answers for a template when the query leaves out
        // successes, or when template_hours shows that the template has none in the query's kinds and hours.
        // organization_template_terminals holds them per organization, for a query that leaves out successes.
        var byOrganization = await OrganizationAlertRollupsAnswerAsync(connection, query, cancellationToken).ConfigureAwait(false);
        var (whole, edges) = byOrganization || TemplateRollupsAnswer(query) ? Split(query) : (null, [query]);
        if (!byOrganization && whole is not null && (query.Severities?.Contains(LogSeverity.Success) ?? true)
            && await AnyAsync(connection, SuccessOnly(whole), cancellationToken).ConfigureAwait(false))
        {
            (whole, edges) = (null, [query]);
        }

        using var command = connection.CreateCommand();
        var parts = Parts(
            (whole, edges),
            command,
            rollup: where => byOrganization
                ? $"SELECT DISTINCT terminal FROM organization_template_terminals WHERE {where} AND terminal <> ''"
                : $"SELECT DISTINCT terminal FROM template_terminals WHERE {where}",
            entries: where => $"SELECT DISTINCT o.terminal AS terminal FROM entries e JOIN origins o ON o.id = e.origin_id WHERE {where} AND o.terminal IS NOT NULL",
            union: "UNION",
            hourByHour: byOrganization);
        command.CommandText = $"""
            WITH d AS ({parts})
            SELECT (SELECT count(*) FROM d), terminal FROM (SELECT terminal FROM d ORDER BY terminal LIMIT $listed)
            UNION ALL SELECT 0, NULL WHERE NOT EXISTS (SELECT 1 FROM d);
            """;
        command.Parameters.AddWithValue("$listed", LogTemplateGroup.MaxTerminalsListed);
        var terminals = new List<string>();
        long count = 0;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                count = reader.GetInt64(0);
                if (!reader.IsDBNull(1))
                {
                    terminals.Add(reader.GetString(1));
                }
            }
        }

        // SQLite orders by its BINARY collation (UTF-8 bytes): ordinal order for the names it lists.
        terminals.Sort(StringComparer.Ordinal);
        return (terminals, count);
    }

    /// <summary>Whether <c>template_hours</c> holds any row of the query (by whole hours, template, severity and kind).</summary>
    private static async Task<bool> AnyAsync(SqliteConnection connection, LogQuery query, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM template_hours WHERE {RollupWhere(query, command)});";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! != 0;
    }

    /// <summary>
    /// The parts of a split query as one compound SELECT: the whole hours from a rollup table, each edge from the
    /// entries, each with its own parameters.
    /// </summary>
    private static string Parts(
        (LogQuery? Whole, LogQuery[] Edges) split,
        SqliteCommand command,
        Func<string, string> rollup,
        Func<string, string> entries,
        string union = "UNION ALL",
        bool hourByHour = false)
    {
        var selects = new List<string>(3);
        if (split.Whole is { } whole)
        {
            selects.Add(rollup(RollupWhere(whole, command, "_w", hourByHour).ToString()));
        }

        for (var i = 0; i < split.Edges.Length; i++)
        {
            selects.Add(entries(Where(split.Edges[i], command, suffix: "_" + i.ToString(CultureInfo.InvariantCulture)).ToString()));
        }

        return string.Join($" {union} ", selects);
    }
}
