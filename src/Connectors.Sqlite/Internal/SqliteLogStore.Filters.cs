using System.Text;
using Microsoft.Data.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>The WHERE clauses of a query, over the entries or over the rollups.</summary>
internal sealed partial class SqliteLogStore
{
    /// <param name="q">The query.</param>
    /// <param name="command">The command that receives the parameters.</param>
    /// <param name="window">With a text: only entries from this instant, whose matches lie between these row ids.</param>
    /// <param name="suffix">Appended to every parameter name, so that one command can hold several parts.</param>
    private static StringBuilder Where(LogQuery q, SqliteCommand command, (long FromTicks, long LowId, long HighId)? window = null, string suffix = "")
    {
        var where = new StringBuilder("1");
        string P(string name) => "$" + name + suffix;
        void Add(string condition, string name, object value)
        {
            where.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(P(name), value);
        }

        if (q.From is { } from)
        {
            Add($"e.ts >= {P("from")}", "from", from.UtcTicks);
        }

        if (q.To is { } to)
        {
            Add($"e.ts < {P("to")}", "to", to.UtcTicks);
        }

        if (q.Organization is not null)
        {
            Add($"e.origin_id IN (SELECT id FROM origins WHERE organization = {P("organization")})", "organization", q.Organization);
        }

        if (q.Terminal is not null)
        {
            Add($"e.origin_id IN (SELECT id FROM origins WHERE terminal = {P("terminal")})", "terminal", q.Terminal);
        }

        if (q.TemplateId is { } template)
        {
            Add($"e.template_id = (SELECT id FROM templates WHERE hash = {P("template")})", "template", unchecked((long)template));
        }

        if (q.Reference is not null)
        {
            Add($"e.reference = {P("reference")}", "reference", q.Reference);
        }

        if (q.Kinds is not null)
        {
            where.Append(" AND e.kind IN (").AppendJoin(',', q.Kinds.Select(k => (int)k)).Append(')');
        }

        if (q.Severities is not null)
        {
            where.Append(" AND e.severity IN (").AppendJoin(',', q.Severities.Select(s => (int)s)).Append(')');
        }

        if (q.Text is not null && FullTextMatch(q.Text) is { } match)
        {
            if (window is { } w)
            {
                Add($"e.ts >= {P("window_from")}", "window_from", w.FromTicks);
                Add($"e.id IN (SELECT rowid FROM entries_text WHERE entries_text MATCH {P("match")} AND rowid BETWEEN {P("low_id")} AND {P("high_id")})", "match", match);
                command.Parameters.AddWithValue(P("low_id"), w.LowId);
                command.Parameters.AddWithValue(P("high_id"), w.HighId);
            }
            else
            {
                Add($"e.id IN (SELECT rowid FROM entries_text WHERE entries_text MATCH {P("match")})", "match", match);
            }
        }
        else if (q.Text is not null)
        {
            // A text without a word matches nothing.
            where.Append(" AND 0");
        }

        return where;
    }

    /// <summary>
    /// The WHERE clause of a query over a rollup table, by whole hours: <c>template_hours</c> and <c>template_terminals</c>
    /// (the query names no terminal), <c>terminal_hours</c> (the query names no template), or <c>organization_hours</c>
    /// (the query names an organization, and no terminal or template).
    /// </summary>
    /// <param name="q">The query, by whole hours.</param>
    /// <param name="command">The command that receives the parameters.</param>
    /// <param name="suffix">Appended to every parameter name, so that one command can hold several parts.</param>
    /// <param name="hourByHour">
    /// Name every hour of a bounded window (<c>hour IN (…)</c>), so that a table keyed by hour and then organization is
    /// read by one seek per hour rather than through every organization's rows of the window.
    /// </param>
    private static StringBuilder RollupWhere(LogQuery q, SqliteCommand command, string suffix = "", bool hourByHour = false)
    {
        var where = new StringBuilder("1");
        string P(string name) => "$" + name + suffix;
        if (q.From is { } from)
        {
            where.Append(" AND hour >= ").Append(P("from_hour"));
            command.Parameters.AddWithValue(P("from_hour"), from.UtcTicks / TimeSpan.TicksPerHour);
            if (hourByHour && q.To is not null)
            {
                where.Append(" AND hour IN (WITH RECURSIVE h(hour) AS (SELECT ").Append(P("from_hour"))
                    .Append(" UNION ALL SELECT hour + 1 FROM h WHERE hour + 1 < ").Append(P("to_hour")).Append(") SELECT hour FROM h)");
            }
        }

        if (q.To is { } to)
        {
            where.Append(" AND hour < ").Append(P("to_hour"));
            command.Parameters.AddWithValue(P("to_hour"), to.UtcTicks / TimeSpan.TicksPerHour);
        }

        if (q.Organization is not null)
        {
            where.Append(" AND organization = ").Append(P("organization"));
            command.Parameters.AddWithValue(P("organization"), q.Organization);
        }

        if (q.Terminal is not null)
        {
            where.Append(" AND terminal = ").Append(P("terminal"));
            command.Parameters.AddWithValue(P("terminal"), q.Terminal);
        }

        if (q.TemplateId is { } template)
        {
            where.Append(" AND template_id = (SELECT id FROM templates WHERE hash = ").Append(P("template")).Append(')');
            command.Parameters.AddWithValue(P("template"), unchecked((long)template));
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

    /// <summary>Whether <c>template_hours</c> can answer the query over its whole hours: it names no terminal, organization, reference or text.</summary>
    private static bool TemplateRollupsAnswer(LogQuery q) =>
        q.Terminal is null && q.Organization is null && q.Reference is null && q.Text is null;

    /// <summary>Whether <c>terminal_hours</c> can answer the query over its whole hours: it names no template, organization, reference or text.</summary>
    private static bool TerminalRollupsAnswer(LogQuery q) =>
        q.TemplateId is null && q.Organization is null && q.Reference is null && q.Text is null;

    /// <summary>Whether <c>organization_hours</c> can answer the query over its whole hours: it names an organization, and no terminal, template, reference or text.</summary>
    private static bool OrganizationRollupsAnswer(LogQuery q) =>
        q.Organization is not null && q.Terminal is null && q.TemplateId is null && q.Reference is null && q.Text is null;

    /// <summary>
    /// Whether <c>organization_template_terminals</c> can answer the query over its whole hours: it names an
    /// organization and leaves out successes, and names no terminal, reference or text (a template it may name).
    /// </summary>
    private static bool OrganizationAlertRollupsAnswer(LogQuery q) =>
        q.Organization is not null && q.Terminal is null && q.Reference is null && q.Text is null
        && q.Severities is not null && !q.Severities.Contains(LogSeverity.Success);

    /// <summary>
    /// <see cref="OrganizationAlertRollupsAnswer"/>, and no origin of the store names a terminal by an empty string
    /// (which that table could not tell from none): one seek on <c>origins_terminal</c>.
    /// </summary>
    private static async Task<bool> OrganizationAlertRollupsAnswerAsync(SqliteConnection connection, LogQuery q, CancellationToken cancellationToken)
    {
        if (!OrganizationAlertRollupsAnswer(q))
        {
            return false;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT NOT EXISTS (SELECT 1 FROM origins WHERE terminal = $none);";
        command.Parameters.AddWithValue("$none", SqliteRollups.NoTerminal);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! != 0;
    }

    /// <summary>
    /// Cuts a query's window into the whole hours a rollup answers and the partial hours at its ends (at most one
    /// each), which are read from the entries; the parts are disjoint and together are the window. A window
    /// that holds no whole hour is read from the entries alone.
    /// </summary>
    private static (LogQuery? Whole, LogQuery[] Edges) Split(LogQuery q)
    {
        long? fromHour = q.From is { } from ? (from.UtcTicks + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour : null;
        long? toHour = q.To is { } to ? to.UtcTicks / TimeSpan.TicksPerHour : null;
        if (fromHour >= toHour)
        {
            return (null, [q]);
        }

        static DateTimeOffset? Hour(long? hour) => hour is { } h ? new DateTimeOffset(h * TimeSpan.TicksPerHour, TimeSpan.Zero) : null;
        var whole = q with { From = Hour(fromHour), To = Hour(toHour) };
        var edges = new List<LogQuery>(2);
        if (q.From is { } f && f != whole.From)
        {
            edges.Add(q with { To = whole.From });
        }

        if (q.To is { } t && t != whole.To)
        {
            edges.Add(q with { From = whole.To });
        }

        return (whole, [.. edges]);
    }

    /// <summary>Only the severity-0 (success) rows of a query, in its kinds and window.</summary>
    private static LogQuery SuccessOnly(LogQuery q) => q with { Severities = new HashSet<LogSeverity> { LogSeverity.Success } };

    /// <summary>
    /// The words a user typed as an FTS5 query in which every word must occur: the words full-text search sees
    /// (<see cref="LogText.Words"/>, as the unicode61 tokenizer splits them), each quoted so that AND, OR and NOT are
    /// searched for rather than read as operators; <see langword="null"/> when there is no word.
    /// </summary>
    private static string? FullTextMatch(string text)
    {
        var match = string.Join(' ', LogText.Words(text).Select(w => $"\"{w}\""));
        return match.Length == 0 ? null : match;
    }
}
