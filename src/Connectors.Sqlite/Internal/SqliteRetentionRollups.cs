using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// What one retention chunk takes out of the hourly rollups, kept as the chunk's entries are read. Chunks go oldest
/// first, so every hour before the chunk's last is emptied by it and its counts are dropped outright; the last hour's
/// counts are decremented. Counts are exact after every chunk; first-seen and latest times of the hour a chunk ends
/// in and the terminal lists of the emptied hours are put right by the chunk that ends the run (a run stopped early
/// leaves them to the next). Each chunk costs what it deletes, not what its hour holds.
/// </summary>
internal sealed class SqliteRetentionRollups
{
    private readonly Dictionary<(long Hour, long Template, long Severity, long Kind), long> _templates = [];
    private readonly Dictionary<(long Hour, string Terminal, long Severity, long Kind), long> _terminals = [];
    private readonly Dictionary<(long Hour, string Organization, long Severity, long Kind), long> _organizations = [];
    private readonly Dictionary<(long Hour, string Organization, long Template, string Terminal, long Severity, long Kind), long> _organizationTemplates = [];
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
            if (severity > 0)
            {
                var a = (hour, organization, template, terminal ?? SqliteRollups.NoTerminal, severity, kind);
                _organizationTemplates[a] = _organizationTemplates.GetValueOrDefault(a) + 1;
            }
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
                DELETE FROM organization_template_terminals WHERE hour < $last;
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

        Subtract(connection, "template_hours", "template_id = ?2 AND severity = ?3 AND kind = ?4", _templates, k => k.Hour, (update, k) =>
        {
            update.Bind(2, k.Template);
            update.Bind(3, k.Severity);
            update.Bind(4, k.Kind);
        });
        Subtract(connection, "terminal_hours", "terminal = ?2 AND severity = ?3 AND kind = ?4", _terminals, k => k.Hour, (update, k) =>
        {
            update.Bind(2, k.Terminal);
            update.Bind(3, k.Severity);
            update.Bind(4, k.Kind);
        });
        Subtract(connection, "organization_hours", "organization = ?2 AND severity = ?3 AND kind = ?4", _organizations, k => k.Hour, (update, k) =>
        {
            update.Bind(2, k.Organization);
            update.Bind(3, k.Severity);
            update.Bind(4, k.Kind);
        });
        Subtract(
            connection,
            "organization_template_terminals",
            "organization = ?2 AND template_id = ?3 AND terminal = ?4 AND severity = ?5 AND kind = ?6",
            _organizationTemplates,
            k => k.Hour,
            (update, k) =>
            {
                update.Bind(2, k.Organization);
                update.Bind(3, k.Template);
                update.Bind(4, k.Terminal);
                update.Bind(5, k.Severity);
                update.Bind(6, k.Kind);
            });

        using var prune = connection.CreateCommand();
        prune.CommandText = """
            DELETE FROM template_hours WHERE hour = $hour AND n <= 0;
            DELETE FROM terminal_hours WHERE hour = $hour AND n <= 0;
            DELETE FROM organization_hours WHERE hour = $hour AND n <= 0;
            DELETE FROM organization_template_terminals WHERE hour = $hour AND n <= 0;
            """;
        prune.Parameters.AddWithValue("$hour", _lastHour);
        prune.ExecuteNonQuery();
    }

    /// <summary>
    /// Takes the counts of the chunk's last hour out of one rollup table: <paramref name="key"/> is the WHERE clause
    /// after the hour (parameters from ?2), <paramref name="bind"/> binds a key's columns to it. The first-seen and
    /// latest times of the rows it lowers are left as they are (see the class summary).
    /// </summary>
    private void Subtract<TKey>(SqliteConnection connection, string table, string key, Dictionary<TKey, long> counts, Func<TKey, long> hourOf, Action<SqliteStatement, TKey> bind)
        where TKey : notnull
    {
        var parameter = 2 + key.Count(c => c == '?');
        using var update = new SqliteStatement(connection, $"UPDATE {table} SET n = n - ?{parameter} WHERE hour = ?1 AND {key};");
        foreach (var (k, n) in counts)
        {
            if (hourOf(k) != _lastHour)
            {
                continue;
            }

            update.Bind(1, _lastHour);
            bind(update, k);
            update.Bind(parameter, n);
            update.Execute();
        }
    }
}
