using System.Text;
using Microsoft.Data.Sqlite;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>The WHERE clauses of a query, over the entries or over the rollups.</summary>
internal sealed partial class SqliteLogStore
{
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
}
