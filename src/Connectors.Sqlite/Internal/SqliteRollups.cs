using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The hourly rollups (migrations 0002, 0016 and 0021): added to in memory while a batch is appended, written with the
/// batch, and read instead of the entries when a query only narrows by whole hours, severity, kind and template, or by
/// whole hours, organization, severity and kind (and, for its alerts and errors, template).
/// </summary>
internal sealed class SqliteRollups
{
    private readonly Dictionary<(long Hour, long Template, long Severity, long Kind), (long N, long First, long Last)> _templates = [];
    private readonly Dictionary<(long Hour, string Terminal, long Severity, long Kind), (long N, long Last, long Tz, string? Organization)> _terminals = [];
    private readonly HashSet<(long Template, long Hour, string Terminal, long Severity, long Kind)> _templateTerminals = [];
    private readonly Dictionary<(long Hour, string Organization, long Severity, long Kind), long> _organizations = [];
    private readonly Dictionary<(long Hour, string Organization, long Template, string Terminal, long Severity, long Kind), (long N, long First, long Last, long Tz)> _organizationTemplates = [];

    /// <summary>The terminal of <c>organization_template_terminals</c> rows whose entries named none.</summary>
    public const string NoTerminal = "";

    public static string HourOf(string ticks) => string.Create(CultureInfo.InvariantCulture, $"({ticks} / {TimeSpan.TicksPerHour})");

    public void Add(LogEntry e, long templateId)
    {
        var ticks = e.Timestamp.UtcTicks;
        var hour = ticks / TimeSpan.TicksPerHour;
        var key = (hour, templateId, (long)e.Severity, (long)e.Kind);
        _templates[key] = _templates.TryGetValue(key, out var t) ? (t.N + 1, Math.Min(t.First, ticks), Math.Max(t.Last, ticks)) : (1, ticks, ticks);
        if (e.Organization is not null)
        {
            var organizationKey = (hour, e.Organization, (long)e.Severity, (long)e.Kind);
            _organizations[organizationKey] = _organizations.GetValueOrDefault(organizationKey) + 1;
            if (e.Severity > LogSeverity.Success)
            {
                var organizationTemplateKey = (hour, e.Organization, templateId, e.Terminal ?? NoTerminal, (long)e.Severity, (long)e.Kind);
                var offset = (long)e.Timestamp.Offset.TotalMinutes;
                _organizationTemplates[organizationTemplateKey] = _organizationTemplates.TryGetValue(organizationTemplateKey, out var o)
                    ? (o.N + 1, Math.Min(o.First, ticks), Math.Max(o.Last, ticks), ticks >= o.Last ? offset : o.Tz)
                    : (1, ticks, ticks, offset);
            }
        }

        if (e.Terminal is null)
        {
            return;
        }

        var tz = (long)e.Timestamp.Offset.TotalMinutes;
        var terminalKey = (hour, e.Terminal, (long)e.Severity, (long)e.Kind);
        _terminals[terminalKey] = _terminals.TryGetValue(terminalKey, out var m)
            ? (m.N + 1, Math.Max(m.Last, ticks), ticks >= m.Last ? tz : m.Tz, ticks >= m.Last ? e.Organization : m.Organization)
            : (1, ticks, tz, e.Organization);
        if (e.Severity > LogSeverity.Success)
        {
            _templateTerminals.Add((templateId, hour, e.Terminal, (long)e.Severity, (long)e.Kind));
        }
    }

    /// <summary>Writes what the batch added, in the batch's transaction.</summary>
    public void Write(SqliteConnection connection)
    {
        using (var upsert = new SqliteStatement(connection, """
            INSERT INTO template_hours VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT DO UPDATE SET n = n + excluded.n, first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts);
            """))
        {
            foreach (var ((hour, template, severity, kind), (n, first, last)) in _templates)
            {
                upsert.Bind(1, hour);
                upsert.Bind(2, template);
                upsert.Bind(3, severity);
                upsert.Bind(4, kind);
                upsert.Bind(5, n);
                upsert.Bind(6, first);
                upsert.Bind(7, last);
                upsert.Execute();
            }
        }

        using (var upsert = new SqliteStatement(connection, """
            INSERT INTO terminal_hours VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT DO UPDATE SET n = n + excluded.n,
                last_tz = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last_tz ELSE last_tz END,
                organization = CASE WHEN excluded.last_ts >= last_ts THEN excluded.organization ELSE organization END,
                last_ts = max(last_ts, excluded.last_ts);
            """))
        {
            foreach (var ((hour, terminal, severity, kind), (n, last, tz, organization)) in _terminals)
            {
                upsert.Bind(1, hour);
                upsert.Bind(2, terminal);
                upsert.Bind(3, severity);
                upsert.Bind(4, kind);
                upsert.Bind(5, n);
                upsert.Bind(6, last);
                upsert.Bind(7, tz);
                upsert.Bind(8, organization);
                upsert.Execute();
            }
        }

        using (var upsert = new SqliteStatement(connection, "INSERT INTO organization_hours VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET n = n + excluded.n;"))
        {
            foreach (var ((hour, organization, severity, kind), n) in _organizations)
            {
                upsert.Bind(1, hour);
                upsert.Bind(2, organization);
                upsert.Bind(3, severity);
                upsert.Bind(4, kind);
                upsert.Bind(5, n);
                upsert.Execute();
            }
        }

        using (var upsert = new SqliteStatement(connection, """
            INSERT INTO organization_template_terminals VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT DO UPDATE SET n = n + excluded.n, first_ts = min(first_ts, excluded.first_ts),
                last_tz = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last_tz ELSE last_tz END,
                last_ts = max(last_ts, excluded.last_ts);
            """))
        {
            foreach (var ((hour, organization, template, terminal, severity, kind), (n, first, last, tz)) in _organizationTemplates)
            {
                upsert.Bind(1, hour);
                upsert.Bind(2, organization);
                upsert.Bind(3, template);
                upsert.Bind(4, terminal);
                upsert.Bind(5, severity);
                upsert.Bind(6, kind);
                upsert.Bind(7, n);
                upsert.Bind(8, first);
                upsert.Bind(9, last);
                upsert.Bind(10, tz);
                upsert.Execute();
            }
        }

        using (var insert = new SqliteStatement(connection, "INSERT OR IGNORE INTO template_terminals VALUES (?1, ?2, ?3, ?4, ?5);"))
        {
            foreach (var (template, hour, terminal, severity, kind) in _templateTerminals)
            {
                insert.Bind(1, template);
                insert.Bind(2, hour);
                insert.Bind(3, terminal);
                insert.Bind(4, severity);
                insert.Bind(5, kind);
                insert.Execute();
            }
        }
    }

    /// <summary>Recounts the rollups of the hours <paramref name="firstHour"/> to <paramref name="lastHour"/> from the entries left in them (after retention deleted some).</summary>
    public static void Recount(SqliteConnection connection, long firstHour, long lastHour)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM template_hours WHERE hour BETWEEN $first AND $last;
            DELETE FROM terminal_hours WHERE hour BETWEEN $first AND $last;
            DELETE FROM template_terminals WHERE hour BETWEEN $first AND $last;
            DELETE FROM organization_hours WHERE hour BETWEEN $first AND $last;
            DELETE FROM organization_template_terminals WHERE hour BETWEEN $first AND $last;
            INSERT INTO template_hours
            SELECT ts / 36000000000, template_id, severity, kind, count(*), min(ts), max(ts) FROM entries
            WHERE ts >= $start AND ts < $end GROUP BY 1, 2, 3, 4;
            INSERT INTO terminal_hours
            SELECT e.ts / 36000000000, o.terminal, e.severity, e.kind, count(*), max(e.ts), e.tz, o.organization
            FROM entries e JOIN origins o ON o.id = e.origin_id WHERE e.ts >= $start AND e.ts < $end AND o.terminal IS NOT NULL GROUP BY 1, 2, 3, 4;
            INSERT INTO template_terminals
            SELECT DISTINCT e.template_id, e.ts / 36000000000, o.terminal, e.severity, e.kind
            FROM entries e JOIN origins o ON o.id = e.origin_id WHERE e.ts >= $start AND e.ts < $end AND o.terminal IS NOT NULL AND e.severity > 0;
            INSERT INTO organization_hours
            SELECT e.ts / 36000000000, o.organization, e.severity, e.kind, count(*)
            FROM entries e JOIN origins o ON o.id = e.origin_id WHERE e.ts >= $start AND e.ts < $end AND o.organization IS NOT NULL GROUP BY 1, 2, 3, 4;
            INSERT INTO organization_template_terminals
            SELECT hour, organization, template_id, terminal, severity, kind, count(*), min(ts), max(ts), max(CASE WHEN latest = 1 THEN tz END)
            FROM (
                SELECT e.ts / 36000000000 AS hour, o.organization, e.template_id, coalesce(o.terminal, '') AS terminal, e.severity, e.kind, e.ts, e.tz,
                    row_number() OVER (PARTITION BY e.ts / 36000000000, o.organization, e.template_id, o.terminal, e.severity, e.kind ORDER BY e.ts DESC, e.id DESC) AS latest
                FROM entries e JOIN origins o ON o.id = e.origin_id
                WHERE e.ts >= $start AND e.ts < $end AND o.organization IS NOT NULL AND e.severity > 0)
            GROUP BY 1, 2, 3, 4, 5, 6;
            """;
        command.Parameters.AddWithValue("$first", firstHour);
        command.Parameters.AddWithValue("$last", lastHour);
        command.Parameters.AddWithValue("$start", firstHour * TimeSpan.TicksPerHour);
        command.Parameters.AddWithValue("$end", (lastHour + 1) * TimeSpan.TicksPerHour);
        command.ExecuteNonQuery();
    }
}
