using Npgsql;
using NpgsqlTypes;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// The hourly rollups (<c>log_hours</c>, migration 0010): what an append adds to them, written in its transaction; what
/// retention takes out of them; and the counts read from them when a query narrows only by whole hours, organization,
/// severity and kind (the dashboard's counts), so that those read a few rows per hour instead of the entries.
/// </summary>
internal sealed partial class PostgreSqlLogStore
{
    private const string AddHours = """
        INSERT INTO log_hours AS h (hour, organization, severity, kind, n)
        SELECT * FROM unnest(@hours, @organizations, @severities, @kinds, @counts)
        ON CONFLICT ON CONSTRAINT log_hours_key DO UPDATE SET n = h.n + excluded.n
        """;

    /// <summary>Adds the appended entries to the hourly rollups, in the append's transaction.</summary>
    private static async Task AddToHoursAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<LogEntry> added, CancellationToken cancellationToken)
    {
        if (added.Count == 0)
        {
            return;
        }

        // In one order (hour, organization, severity, kind) in every instance, so that two appends that touch the same
        // rows lock them in the same order and never deadlock.
        var rows = added
            .GroupBy(e => (Hour: e.Timestamp.UtcTicks - (e.Timestamp.UtcTicks % TimeSpan.TicksPerHour), e.Organization, Severity: (short)e.Severity, Kind: (short)e.Kind))
            .Select(g => (g.Key, Count: g.LongCount()))
            .OrderBy(r => r.Key.Hour).ThenBy(r => r.Key.Organization, StringComparer.Ordinal).ThenBy(r => r.Key.Severity).ThenBy(r => r.Key.Kind)
            .ToList();
        using var command = new NpgsqlCommand(AddHours, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("hours", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Key.Hour).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("organizations", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.Organization).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("severities", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = rows.Select(r => r.Key.Severity).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = rows.Select(r => r.Key.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("counts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Count).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the entries before <paramref name="cutoff"/> that are left in the partition it falls in and takes them
    /// out of the hourly rollups and <c>organization_template_terminals</c>, in one transaction.
    /// </summary>
    private static async Task<long> DeleteOlderAsync(NpgsqlConnection connection, long cutoff, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                $"""
                WITH d AS (DELETE FROM log_entries WHERE ts < @cutoff RETURNING ts - ts % {TimeSpan.TicksPerHour} AS hour, organization, severity, kind),
                g AS (SELECT hour, organization, severity, kind, count(*) AS n FROM d GROUP BY 1, 2, 3, 4),
                u AS (
                    UPDATE log_hours h SET n = h.n - g.n FROM g
                    WHERE h.hour = g.hour AND h.organization IS NOT DISTINCT FROM g.organization AND h.severity = g.severity AND h.kind = g.kind
                    RETURNING 1)
                SELECT (SELECT count(*) FROM d), (SELECT count(*) FROM u);
                DELETE FROM log_hours WHERE n <= 0 OR hour < @cutoff_hour;
                """,
                connection,
                transaction);
            command.Parameters.AddWithValue("cutoff", cutoff);
            command.Parameters.AddWithValue("cutoff_hour", cutoff - (cutoff % TimeSpan.TicksPerHour));
            long deleted;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                deleted = reader.GetInt64(0);
            }

            await CutTemplateTerminalsAsync(connection, transaction, cutoff, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
    }

    /// <summary>Whether <c>log_hours</c> answers the counts of the query: whole hours, and no terminal, template, reference or text.</summary>
    private static bool HoursAnswer(LogQuery q) =>
        q.Terminal is null && q.TemplateId is null && q.Reference is null && q.Text is null
        && (q.From is null || q.From.Value.UtcTicks % TimeSpan.TicksPerHour == 0)
        && (q.To is null || q.To.Value.UtcTicks % TimeSpan.TicksPerHour == 0);

    /// <summary>The counts of a query that <see cref="HoursAnswer"/> accepts, read from <c>log_hours</c>.</summary>
    private static async Task<List<LogCountBucket>> CountHoursAsync(NpgsqlConnection connection, LogQuery q, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand { Connection = connection };
        var where = new List<string> { "TRUE" };
        void Add(string condition, string name, object value, NpgsqlDbType type)
        {
            where.Add(condition);
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        if (q.From is { } from)
        {
            Add("hour >= @from", "from", from.UtcTicks, NpgsqlDbType.Bigint);
        }

        if (q.To is { } to)
        {
            Add("hour < @to", "to", to.UtcTicks, NpgsqlDbType.Bigint);
        }

        if (q.Organization is not null)
        {
            Add("organization = @organization", "organization", q.Organization, NpgsqlDbType.Text);
        }

        if (q.Kinds is not null)
        {
            Add("kind = ANY(@kinds)", "kinds", q.Kinds.Select(k => (short)k).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint);
        }

        if (q.Severities is not null)
        {
            Add("severity = ANY(@severities)", "severities", q.Severities.Select(s => (short)s).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint);
        }

        command.CommandText = $"""
            SELECT hour, severity, kind, sum(n)::bigint FROM log_hours WHERE {string.Join(" AND ", where)}
            GROUP BY 1, 2, 3 HAVING sum(n) > 0 ORDER BY 1, 2, 3
            """;
        var buckets = new List<LogCountBucket>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            buckets.Add(new LogCountBucket(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), (LogSeverity)reader.GetInt16(1), (LogKind)reader.GetInt16(2), reader.GetInt64(3)));
        }

        return buckets;
    }
}
