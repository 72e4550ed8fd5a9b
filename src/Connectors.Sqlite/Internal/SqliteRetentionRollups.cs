using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// What one retention chunk takes out of the hourly rollups, kept as the chunk's entries are read. Chunks go oldest
/// first, so every hour before the chunk's last is emptied by it and its counts are dropped outright; the last hour's
/// counts are decremented. Counts are exact after every chunk; first-seen times of the hour a chunk ends in and the
/// terminal lists of the emptied hours are put right by the chunk that ends the run (a run stopped early leaves them
/// to the next). Each chunk costs what it deletes, not what its hour holds.
/// </summary>
internal sealed class SqliteRetentionRollups
{
    private readonly Dictionary<(long Hour, long Template, long Severity, long Kind), long> _templates = [];
    private readonly Dictionary<(long Hour, string Terminal, long Severity, long Kind), long> _terminals = [];
    private readonly Dictionary<(long Hour, string Organization, long Severity, long Kind), long> _organizations = [];
    private long _lastHour = long.MinValue;

    public void Add(long ticks, long template, long severity, long kind, string? terminal, string? organization)
    {
        var hour = ticks / TimeSpan.TicksPerHour;
        _lastHour = Math.Max(_lastHour, hour);
        var t = (hour, template, severity, kind);
        _templates[t] = _templates.GetValueOrDefault(t) + 1;
        if (terminal is not null)
        {
            var m = (hour, terminal, severity, kind);
            _terminals[m] = _terminals.GetValueOrDefault(m) + 1;
        }

        if (organization is not null)
        {
            var o = (hour, organization, severity, kind);
            _organizations[o] = _organizations.GetValueOrDefault(o) + 1;
        }
    }

    /// <summary>Takes the chunk out of the rollups, in the chunk's transaction; <paramref name="last"/>: the run ends with it.</summary>
    public void Write(SqliteConnection connection, bool last)
    {
        if (_templates.Count == 0)
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            // Every hour before the chunk's last is empty now (also any a stopped run left behind): a range on the
            // primary keys (hour first). The terminal lists, keyed by template first, are cleared once, by the last chunk.
            command.CommandText = """
                DELETE FROM template_hours WHERE hour < $last;
                DELETE FROM terminal_hours WHERE hour < $last;
                DELETE FROM organization_hours WHERE hour < $last;
                """;
            command.Parameters.AddWithValue("$last", _lastHour);
            command.ExecuteNonQuery();
        }

        if (last)
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "DELETE FROM template_terminals WHERE hour < $last;";
                command.Parameters.AddWithValue("$last", _lastHour);
                command.ExecuteNonQuery();
            }

            SqliteRollups.Recount(connection, _lastHour, _lastHour);
            return;
        }

        using (var update = new SqliteStatement(connection, "UPDATE template_hours SET n = n - ?5 WHERE hour = ?1 AND template_id = ?2 AND severity = ?3 AND kind = ?4;"))
        {
            foreach (var ((hour, template, severity, kind), n) in _templates.Where(p => p.Key.Hour == _lastHour))
            {
                update.Bind(1, hour);
                update.Bind(2, template);
                update.Bind(3, severity);
                update.Bind(4, kind);
                update.Bind(5, n);
                update.Execute();
            }
        }

        using (var update = new SqliteStatement(connection, "UPDATE terminal_hours SET n = n - ?5 WHERE hour = ?1 AND terminal = ?2 AND severity = ?3 AND kind = ?4;"))
        {
            foreach (var ((hour, terminal, severity, kind), n) in _terminals.Where(p => p.Key.Hour == _lastHour))
            {
                update.Bind(1, hour);
                update.Bind(2, terminal);
                update.Bind(3, severity);
                update.Bind(4, kind);
                update.Bind(5, n);
                update.Execute();
            }
        }

        using (var update = new SqliteStatement(connection, "UPDATE organization_hours SET n = n - ?5 WHERE hour = ?1 AND organization = ?2 AND severity = ?3 AND kind = ?4;"))
        {
            foreach (var ((hour, organization, severity, kind), n) in _organizations.Where(p => p.Key.Hour == _lastHour))
            {
                update.Bind(1, hour);
                update.Bind(2, organization);
                update.Bind(3, severity);
                update.Bind(4, kind);
                update.Bind(5, n);
                update.Execute();
            }
        }

        using var prune = connection.CreateCommand();
        prune.CommandText = """
            DELETE FROM template_hours WHERE hour = $hour AND n <= 0;
            DELETE FROM terminal_hours WHERE hour = $hour AND n <= 0;
            DELETE FROM organization_hours WHERE hour = $hour AND n <= 0;
            """;
        prune.Parameters.AddWithValue("$hour", _lastHour);
        prune.ExecuteNonQuery();
    }
}
