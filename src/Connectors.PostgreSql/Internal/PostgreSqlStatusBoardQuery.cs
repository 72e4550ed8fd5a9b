using Npgsql;
using NpgsqlTypes;
using PosFleet.Status;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// The status board in one SQL statement: the viewer's organizations and the filters in the WHERE clause, health as
/// the CASE that <c>TerminalHealthJudge</c> writes in code (red, then grey, then yellow, then green), then the health
/// filter, the keyset cursor and the order over that. Organizations, health values and target versions go in as
/// arrays, so no value is ever spliced into the SQL.
/// </summary>
internal static class PostgreSqlStatusBoardQuery
{
    private const string Health = """
        CASE WHEN s.last_error IS NOT NULL THEN 3
             WHEN s.received_at + trunc(COALESCE(s.sync_interval, @default_interval) * @factor)::bigint < @now THEN 2
             WHEN t.key IS NOT NULL AND (s.version_key IS NULL OR s.version_key < t.key) THEN 1
             ELSE 0 END
        """;

    public static async Task<StatusBoardPage> RunAsync(
        NpgsqlConnection connection, StatusBoardAccess access, StatusBoardQuery query, TerminalHealthRules rules, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand { Connection = connection };
        var p = command.Parameters;
        var where = new List<string>();
        if (access.Organizations is { } organizations)
        {
            where.Add("s.organization = ANY(@organizations)");
            p.AddWithValue("organizations", organizations.ToArray());
        }

        if (query.Organization is { } organization)
        {
            where.Add("s.organization = @organization");
            p.AddWithValue("organization", organization);
        }

        if (query.UpdatedWithin is { } within)
        {
            where.Add("s.received_at >= @since");
            p.AddWithValue("since", (rules.Now - within).UtcTicks);
        }

        if (query.HideSynced)
        {
            where.Add("s.last_error IS NOT NULL");
        }

        if (!string.IsNullOrEmpty(query.Text))
        {
            // lower() under the "C" collation folds ASCII only, as TerminalHealthJudge.AsciiLower does.
            where.Add("(strpos(lower(s.terminal), @text) > 0 OR strpos(lower(s.organization), @text) > 0 OR strpos(lower(s.application_version), @text) > 0 OR strpos(lower(coalesce(s.last_error, '')), @text) > 0)");
            p.AddWithValue("text", TerminalHealthJudge.AsciiLower(query.Text));
        }

        var outer = new List<string>();
        if (query.Health is { Count: > 0 } healths)
        {
            outer.Add("health = ANY(@healths)");
            p.AddWithValue("healths", healths.Select(h => (int)h).Distinct().ToArray());
        }

        if (query.After is not null && StatusBoardCursor.TryParse(query.After, out var cursor))
        {
            outer.Add(query.Sort switch
            {
                StatusBoardSort.Organization => "(organization, terminal) > (@c_organization, @c_terminal)",
                StatusBoardSort.LastHeard => "(received_at < @c_number OR (received_at = @c_number AND terminal > @c_terminal))",
                StatusBoardSort.Health => "(health < @c_number OR (health = @c_number AND (organization, terminal) > (@c_organization, @c_terminal)))",
                _ => "terminal > @c_terminal",
            });
            p.AddWithValue("c_number", cursor.Number);
            p.Add(new NpgsqlParameter("c_organization", NpgsqlDbType.Text) { Value = (object?)cursor.Organization ?? DBNull.Value });
            p.Add(new NpgsqlParameter("c_terminal", NpgsqlDbType.Text) { Value = (object?)cursor.Terminal ?? DBNull.Value });
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
                SELECT * FROM unnest(@t_organizations::text[], @t_versions::text[], @t_keys::text[]) AS x(organization, version, key)),
            board AS (
                SELECT {Prefixed("s.")}, t.version AS target_version, {Health} AS health
                FROM status_terminals s LEFT JOIN targets t ON t.organization = s.organization
                {(where.Count == 0 ? "" : "WHERE " + string.Join("\n AND ", where))})
            SELECT {PostgreSqlTerminalStatusStore.Columns}, target_version, health FROM board
            {(outer.Count == 0 ? "" : "WHERE " + string.Join("\n AND ", outer))}
            ORDER BY {order}
            LIMIT @limit
            """;
        var targets = rules.TargetVersions.Select(t => (Organization: t.Key, Version: t.Value, Key: VersionKey.From(t.Value))).Where(t => t.Key is not null).ToList();
        p.AddWithValue("t_organizations", targets.Select(t => t.Organization).ToArray());
        p.AddWithValue("t_versions", targets.Select(t => t.Version).ToArray());
        p.AddWithValue("t_keys", targets.Select(t => t.Key!).ToArray());
        p.AddWithValue("default_interval", rules.DefaultSyncInterval.Ticks);
        p.AddWithValue("factor", rules.SilenceFactor);
        p.AddWithValue("now", rules.Now.UtcTicks);
        p.AddWithValue("limit", query.Limit + 1);

        var rows = await PostgreSqlDatabase.ReadAllAsync(
            command,
            r => new StatusBoardRow(PostgreSqlTerminalStatusStore.ReadStatus(r), (TerminalHealth)r.GetInt32(11), r.IsDBNull(10) ? null : r.GetString(10)),
            cancellationToken).ConfigureAwait(false);
        if (rows.Count <= query.Limit)
        {
            return new StatusBoardPage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new StatusBoardPage(rows, StatusBoardCursor.For(query.Sort, rows[^1]).ToString());
    }

    private static string Prefixed(string prefix) =>
        string.Join(", ", PostgreSqlTerminalStatusStore.Columns.Split(", ").Select(c => prefix + c));
}
