using System.Text;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>The WHERE clause of a query and how an entry is read back.</summary>
internal sealed partial class PostgreSqlLogStore
{
    private const string EntryColumns =
        "e.ts, e.tz, e.id, e.source, e.line, e.terminal, e.organization, e.component, e.level, e.kind, e.severity, e.template_id, e.template, e.rule, e.hint, e.kb_url, e.reference, e.message, e.origin";

    /// <summary>The conditions of <paramref name="q"/> over the entries <c>e</c>, their values added to <paramref name="command"/>.</summary>
    private static string Where(LogQuery q, NpgsqlCommand command)
    {
        var where = new StringBuilder("TRUE");
        void Add(string condition, string name, object value, NpgsqlDbType type)
        {
            where.Append(" AND ").Append(condition);
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        if (q.From is { } from)
        {
            Add("e.ts >= @from", "from", from.UtcTicks, NpgsqlDbType.Bigint);
        }

        if (q.To is { } to)
        {
            Add("e.ts < @to", "to", to.UtcTicks, NpgsqlDbType.Bigint);
        }

        if (q.Organization is not null)
        {
            Add("e.organization = @organization", "organization", q.Organization, NpgsqlDbType.Text);
        }

        if (q.Terminal is not null)
        {
            Add("e.terminal = @terminal", "terminal", q.Terminal, NpgsqlDbType.Text);
        }

        if (q.TemplateId is { } template)
        {
            Add("e.template_id = @template", "template", unchecked((long)template), NpgsqlDbType.Bigint);
        }

        if (q.Reference is not null)
        {
            Add("e.reference = @reference", "reference", q.Reference, NpgsqlDbType.Text);
        }

        if (q.Kinds is not null)
        {
            Add("e.kind = ANY(@kinds)", "kinds", q.Kinds.Select(k => (short)k).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint);
        }

        if (q.Severities is not null)
        {
            Add("e.severity = ANY(@severities)", "severities", q.Severities.Select(s => (short)s).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint);
        }

        if (q.Text is not null)
        {
            // Every word, as a lexeme taken literally (no stemming, no stop words): the words the store indexed.
            var words = LogText.Words(q.Text).Distinct(StringComparer.Ordinal).ToList();
            if (words.Count > 0)
            {
                var query = string.Join(" & ", words.Select(w => "'" + w.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'"));
                Add("e.tsv @@ @text::tsquery", "text", query, NpgsqlDbType.Text);
            }
            else
            {
                // A text without a word matches nothing, as on SQLite and in memory.
                where.Append(" AND FALSE");
            }
        }

        return where.ToString();
    }

    /// <summary>Reads an entry selected with <see cref="EntryColumns"/>, starting at column 0.</summary>
    private static LogEntry ReadEntry(NpgsqlDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt16(1));
        return new LogEntry
        {
            Timestamp = new DateTimeOffset(r.GetInt64(0) + offset.Ticks, offset),
            Position = new LogPosition(r.GetString(3), r.GetInt64(4)),
            Terminal = Text(r, 5),
            Organization = Text(r, 6),
            Component = Text(r, 7),
            Level = r.GetString(8),
            Kind = (LogKind)r.GetInt16(9),
            Severity = (LogSeverity)r.GetInt16(10),
            TemplateId = unchecked((ulong)r.GetInt64(11)),
            Template = r.GetString(12),
            Rule = Text(r, 13),
            Hint = Text(r, 14),
            KnowledgeBaseUrl = Text(r, 15) is { } url ? new Uri(url, UriKind.RelativeOrAbsolute) : null,
            Reference = Text(r, 16),
            Message = r.GetString(17),
            Origin = Text(r, 18),
        };
    }

    private static string? Text(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
