using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// The alerts and errors per hour, organization, template and terminal (<c>organization_template_terminals</c>,
/// migration 0018): what an append adds to them in its transaction, how retention recounts the hour it cuts, and the
/// rows the template and terminal groups read. A query the rollup answers reads its whole hours from it and only the
/// partial hours at the ends of its window from the entries, so that the dashboard's groups read a few rows per
/// terminal and hour instead of every entry of the window; the result is the same.
/// </summary>
internal sealed partial class PostgreSqlLogStore
{
    private const string TemplateTerminalColumns = "hour, organization, template_id, terminal, severity, kind, n, first_ts, last_ts, last_tz";

    /// <summary>Adds rows to the rollup, or to rows of the same key (rows written by other appends, or recounted by retention).</summary>
    private const string MergeTemplateTerminals = """
        ON CONFLICT ON CONSTRAINT organization_template_terminals_key DO UPDATE SET
            n = r.n + excluded.n,
            first_ts = least(r.first_ts, excluded.first_ts),
            last_ts = greatest(r.last_ts, excluded.last_ts),
            last_tz = CASE WHEN excluded.last_ts >= r.last_ts THEN excluded.last_tz ELSE r.last_tz END
        """;

    private const string AddTemplateTerminals = $"""
        INSERT INTO organization_template_terminals AS r ({TemplateTerminalColumns})
        SELECT * FROM unnest(@hours, @organizations, @templates, @terminals, @severities, @kinds, @counts, @firsts, @lasts, @offsets)
        {MergeTemplateTerminals}
        """;

    /// <summary>Recounts one hour's rows from its entries (after retention cut the hour): its rows are deleted first.</summary>
    private const string RecountTemplateTerminals = $"""
        INSERT INTO organization_template_terminals AS r ({TemplateTerminalColumns})
        SELECT @hour, organization, template_id, terminal, severity, kind, count(*), min(ts), max(ts), (array_agg(tz ORDER BY ts DESC, id DESC))[1]
        FROM log_entries WHERE ts >= @hour AND ts < @next_hour AND severity > 0
        GROUP BY organization, template_id, terminal, severity, kind
        {MergeTemplateTerminals}
        """;

    /// <summary>Adds the appended alerts and errors to <c>organization_template_terminals</c>, in the append's transaction.</summary>
    private static async Task AddToTemplateTerminalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<LogEntry> added, CancellationToken cancellationToken)
    {
        // In one key order in every instance, so that two appends that touch the same rows lock them in the same order
        // and never deadlock. Of two entries at one instant, the later in the batch (appended last) gives the offset.
        var rows = added
            .Where(e => e.Severity != LogSeverity.Success)
            .GroupBy(e => (Hour: e.Timestamp.UtcTicks - (e.Timestamp.UtcTicks % TimeSpan.TicksPerHour), e.Organization, Template: unchecked((long)e.TemplateId), e.Terminal, Severity: (short)e.Severity, Kind: (short)e.Kind))
            .Select(g =>
            {
                var latest = g.Aggregate((a, b) => b.Timestamp.UtcTicks >= a.Timestamp.UtcTicks ? b : a);
                return (g.Key, Count: g.LongCount(), First: g.Min(e => e.Timestamp.UtcTicks), Last: latest.Timestamp.UtcTicks, Offset: (short)latest.Timestamp.Offset.TotalMinutes);
            })
            .OrderBy(r => r.Key.Hour).ThenBy(r => r.Key.Organization, StringComparer.Ordinal).ThenBy(r => r.Key.Template)
            .ThenBy(r => r.Key.Terminal, StringComparer.Ordinal).ThenBy(r => r.Key.Severity).ThenBy(r => r.Key.Kind)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        using var command = new NpgsqlCommand(AddTemplateTerminals, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("hours", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Key.Hour).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("organizations", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.Organization).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("templates", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Key.Template).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("terminals", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.Terminal).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("severities", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = rows.Select(r => r.Key.Severity).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = rows.Select(r => r.Key.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("counts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Count).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("firsts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.First).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("lasts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Last).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("offsets", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = rows.Select(r => r.Offset).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the hours before <paramref name="cutoff"/> out of <c>organization_template_terminals</c> and recounts the
    /// hour it falls in from the entries left, in retention's transaction (after the entries are deleted).
    /// </summary>
    private static async Task CutTemplateTerminalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long cutoff, CancellationToken cancellationToken)
    {
        var hour = cutoff - (cutoff % TimeSpan.TicksPerHour);
        using var command = new NpgsqlCommand(
            hour == cutoff
                ? "DELETE FROM organization_template_terminals WHERE hour < @hour"
                : $"DELETE FROM organization_template_terminals WHERE hour <= @hour; {RecountTemplateTerminals}",
            connection,
            transaction);
        command.Parameters.AddWithValue("hour", hour);
        command.Parameters.AddWithValue("next_hour", hour + TimeSpan.TicksPerHour);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether <c>organization_template_terminals</c> answers the query over its whole hours: it leaves out successes and
    /// names no terminal, reference or text (an organization and a template it may name).
    /// </summary>
    private static bool TemplateTerminalsAnswer(LogQuery q) =>
        q.Terminal is null && q.Reference is null && q.Text is null
        && q.Severities is not null && !q.Severities.Contains(LogSeverity.Success);

    /// <summary>
    /// The rows the template and terminal groups read, as one SELECT of (template_id, terminal, organization, severity,
    /// kind, n, first_ts, last_ts, last_tz, last_id): the whole hours from the rollup when it answers the query, and
    /// every other part of the window from the entries, one row per entry. Also returns the query's conditions other
    /// than its window, over the entries <c>e</c>, whose values are in <paramref name="command"/>, and how a statement
    /// that reads the rows more than once should hold them.
    /// </summary>
    /// <param name="q">The query.</param>
    /// <param name="command">The command that receives the parameters.</param>
    /// <param name="condition">A further condition over the rows, on columns the entries and the rollup share (alias <c>e</c>).</param>
    private static (string Rows, string Filters, string Materialized) GroupRows(LogQuery q, NpgsqlCommand command, string condition = "TRUE")
    {
        // The conditions other than the window name only columns the rollup has under the same names when it answers
        // (organization, template_id, severity, kind), so one text serves both, the rollup aliased as e.
        var filters = Where(q with { From = null, To = null }, command);
        var parts = new List<string>(3);
        (DateTimeOffset? From, DateTimeOffset? To)[] fromEntries = [(q.From, q.To)];
        if (TemplateTerminalsAnswer(q) && Split(q) is ({ } whole, var edges))
        {
            parts.Add($"""
                SELECT e.template_id, e.terminal, e.organization, e.severity, e.kind, e.n, e.first_ts, e.last_ts, e.last_tz, NULL::bigint AS last_id
                FROM organization_template_terminals e WHERE {filters} AND {condition}{Within("e.hour", whole, "whole", command)}
                """);
            fromEntries = edges;
        }

        for (var i = 0; i < fromEntries.Length; i++)
        {
            parts.Add($"""
                SELECT e.template_id, e.terminal, e.organization, e.severity, e.kind, 1::bigint AS n, e.ts AS first_ts, e.ts AS last_ts, e.tz AS last_tz, e.id AS last_id
                FROM log_entries e WHERE {filters} AND {condition}{Within("e.ts", fromEntries[i], "edge" + i.ToString(CultureInfo.InvariantCulture), command)}
                """);
        }

        // Rows of the rollup are read again by each part of a statement that uses them, each time narrowed by what
        // that part needs (a few templates or terminals); the window's entries are read once and kept.
        return (string.Join("\nUNION ALL\n", parts), filters, fromEntries.Length < parts.Count ? "NOT MATERIALIZED" : "MATERIALIZED");
    }

    /// <summary>The conditions that keep <paramref name="column"/> in a range (either end open), with their values in <paramref name="command"/>.</summary>
    private static string Within(string column, (DateTimeOffset? From, DateTimeOffset? To) range, string name, NpgsqlCommand command)
    {
        var conditions = "";
        if (range.From is { } from)
        {
            conditions += $" AND {column} >= @{name}_from";
            command.Parameters.Add(new NpgsqlParameter($"{name}_from", NpgsqlDbType.Bigint) { Value = from.UtcTicks });
        }

        if (range.To is { } to)
        {
            conditions += $" AND {column} < @{name}_to";
            command.Parameters.Add(new NpgsqlParameter($"{name}_to", NpgsqlDbType.Bigint) { Value = to.UtcTicks });
        }

        return conditions;
    }

    /// <summary>
    /// Cuts a query's window into the whole hours the rollup answers and the partial hours at its ends (at most one
    /// each), read from the entries; the parts are disjoint and together are the window. A window that holds no whole
    /// hour has no whole part.
    /// </summary>
    private static ((DateTimeOffset? From, DateTimeOffset? To)? Whole, (DateTimeOffset? From, DateTimeOffset? To)[] Edges) Split(LogQuery q)
    {
        long? fromHour = q.From is { } from ? (from.UtcTicks + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour : null;
        long? toHour = q.To is { } to ? to.UtcTicks / TimeSpan.TicksPerHour : null;
        if (fromHour >= toHour)
        {
            return (null, [(q.From, q.To)]);
        }

        static DateTimeOffset? Hour(long? hour) => hour is { } h ? new DateTimeOffset(h * TimeSpan.TicksPerHour, TimeSpan.Zero) : null;
        var whole = (From: Hour(fromHour), To: Hour(toHour));
        var edges = new List<(DateTimeOffset?, DateTimeOffset?)>(2);
        if (q.From is { } f && f != whole.From)
        {
            edges.Add((f, whole.From));
        }

        if (q.To is { } t && t != whole.To)
        {
            edges.Add((whole.To, t));
        }

        return (whole, [.. edges]);
    }
}
