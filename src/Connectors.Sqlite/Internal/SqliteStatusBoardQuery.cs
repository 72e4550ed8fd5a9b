using System.Text.Json;
using Microsoft.Data.Sqlite;
using PosFleet.Status;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The status board in one SQL statement: the viewer's organizations and the filters in the WHERE clause, health as
/// the CASE that <c>TerminalHealthJudge</c> writes in code (red, then grey, then yellow, then green), then the health
/// filter, the keyset cursor and the order over that. The organizations and target versions go in as JSON arrays
/// (<c>json_each</c>), so no value is ever spliced into the SQL.
/// </summary>
internal static class SqliteStatusBoardQuery
{
    private const string Health = """
        CASE WHEN s.last_error IS NOT NULL THEN 3
             WHEN s.received_at + CAST(COALESCE(s.sync_interval, $default_interval) * $factor AS INTEGER) < $now THEN 2
             WHEN t.key IS NOT NULL AND (s.version_key IS NULL OR s.version_key < t.key) THEN 1
             ELSE 0 END
        """;

    public static async Task<StatusBoardPage> RunAsync(
        SqliteConnection connection, StatusBoardAccess access, StatusBoardQuery query, TerminalHealthRules rules, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (access.Organizations is { } organizations)
        {
            where.Add("s.organization IN (SELECT value FROM json_each($organizations))");
            command.Parameters.AddWithValue("$organizations", JsonSerializer.Serialize(organizations.Order(StringComparer.Ordinal).ToArray(), StatusJsonContext.Default.StringArray));
        }

        if (query.Organization is { } organization)
        {
            where.Add("s.organization = $organization");
            command.Parameters.AddWithValue("$organization", organization);
        }

        if (query.UpdatedWithin is { } within)
        {
            where.Add("s.received_at >= $since");
            command.Parameters.AddWithValue("$since", (rules.Now - within).UtcTicks);
        }

        if (query.HideSynced)
        {
            where.Add("s.last_error IS NOT NULL");
        }

        if (!string.IsNullOrEmpty(query.Text))
        {
            where.Add("(instr(lower(s.terminal), $text) OR instr(lower(s.organization), $text) OR instr(lower(s.application_version), $text) OR instr(lower(coalesce(s.last_error, '')), $text))");
            command.Parameters.AddWithValue("$text", TerminalHealthJudge.AsciiLower(query.Text));
        }

        var outer = new List<string>();
        if (query.Health is { Count: > 0 } healths)
        {
            outer.Add("health IN (SELECT value FROM json_each($healths))");
            command.Parameters.AddWithValue("$healths", JsonSerializer.Serialize(healths.Select(h => (int)h).Distinct().ToArray(), StatusJsonContext.Default.Int32Array));
        }

        if (query.After is not null && StatusBoardCursor.TryParse(query.After, out var cursor))
        {
            outer.Add(query.Sort switch
            {
                StatusBoardSort.Organization => "(organization, terminal) > ($c_organization, $c_terminal)",
                StatusBoardSort.LastHeard => "(received_at < $c_number OR (received_at = $c_number AND terminal > $c_terminal))",
                StatusBoardSort.Health => "(health < $c_number OR (health = $c_number AND (organization, terminal) > ($c_organization, $c_terminal)))",
                _ => "terminal > $c_terminal",
            });
            command.Parameters.AddWithValue("$c_number", cursor.Number);
            command.Parameters.AddWithValue("$c_organization", cursor.Organization);
            command.Parameters.AddWithValue("$c_terminal", cursor.Terminal);
        }

        var order = query.Sort switch
        {
            StatusBoardSort.Organization => "organization, terminal",
            StatusBoardSort.LastHeard => "received_at DESC, terminal",
            StatusBoardSort.Health => "health DESC, organization, terminal",
            _ => "terminal",
        };
        command.CommandText = $"""
            WITH targets AS MATERIALIZED (
                SELECT json_extract(value, '$[0]') AS organization, json_extract(value, '$[1]') AS version, json_extract(value, '$[2]') AS key
                FROM json_each($targets)),
            board AS (
                SELECT {Prefixed("s.")}, t.version AS target_version, {Health} AS health
                FROM status_terminals s LEFT JOIN targets t ON t.organization = s.organization
                {(where.Count == 0 ? "" : "WHERE " + string.Join("\n AND ", where))})
            SELECT {SqliteTerminalStatusStore.Columns}, target_version, health FROM board
            {(outer.Count == 0 ? "" : "WHERE " + string.Join("\n AND ", outer))}
            ORDER BY {order}
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$targets", JsonSerializer.Serialize(
            rules.TargetVersions.Select(p => new[] { p.Key, p.Value, VersionKey.From(p.Value) }).Where(t => t[2] is not null).ToArray(),
            StatusJsonContext.Default.StringArrayArray));
        command.Parameters.AddWithValue("$default_interval", rules.DefaultSyncInterval.Ticks);
        command.Parameters.AddWithValue("$factor", rules.SilenceFactor);
        command.Parameters.AddWithValue("$now", rules.Now.UtcTicks);
        command.Parameters.AddWithValue("$limit", query.Limit + 1);

        var rows = new List<StatusBoardRow>(Math.Min(query.Limit + 1, 1000));
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new StatusBoardRow(
                    SqliteTerminalStatusStore.ReadStatus(reader),
                    (TerminalHealth)reader.GetInt32(11),
                    reader.IsDBNull(10) ? null : reader.GetString(10)));
            }
        }

        if (rows.Count <= query.Limit)
        {
            return new StatusBoardPage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new StatusBoardPage(rows, StatusBoardCursor.For(query.Sort, rows[^1]).ToString());
    }

    private static string Prefixed(string prefix) =>
        string.Join(", ", SqliteTerminalStatusStore.Columns.Split(", ").Select(c => prefix + c));
}
