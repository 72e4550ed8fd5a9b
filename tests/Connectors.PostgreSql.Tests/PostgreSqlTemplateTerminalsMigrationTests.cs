using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Connectors.PostgreSql.Internal;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>
/// A database written before migration 0018 holds entries but no <c>organization_template_terminals</c>: the migration
/// fills it from the entries, so that the dashboard's groups read from it at once give what the entries give.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTemplateTerminalsMigrationTests(PostgreSqlServer server) : IDisposable
{
    private const int Before = 17;
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<LogSeverity> ErrorsAndAlerts = [LogSeverity.Error, LogSeverity.Alert];
    private readonly PostgreSqlStores _stores = new(server);

    [Fact]
    public async Task Migrate_EntriesWrittenBeforeTheRollup_FillsItAndTheGroupsEqualTheEntries()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var entries = Entries();
        await CreateAtVersionAsync(connectionString, Before, entries);

        var store = _stores.On<ILogStore>(connectionString);
        Assert.Null(await store.GetCheckpointAsync("none", CancellationToken.None)); // the first use migrates

        // Every alert and error is in the rollup, each row with its latest entry's instant and offset.
        var rolledUp = await RollupAsync(connectionString);
        Assert.Equal(entries.Count(e => e.Severity != LogSeverity.Success), rolledUp.Sum(r => r.N));
        var expectedRows = entries
            .Where(e => e.Severity != LogSeverity.Success)
            .GroupBy(e => (Hour: e.Timestamp.UtcTicks - (e.Timestamp.UtcTicks % TimeSpan.TicksPerHour), e.Organization, e.Terminal, Template: (long)e.TemplateId, e.Severity, e.Kind))
            .Select(g => $"{g.Key} n={g.Count()} first={g.Min(e => e.Timestamp.UtcTicks)} last={g.Max(e => e.Timestamp.UtcTicks)} tz={g.MaxBy(e => e.Timestamp.UtcTicks)!.Timestamp.Offset.TotalMinutes}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedRows, rolledUp.Select(r => r.Text).Order(StringComparer.Ordinal));

        foreach (var organization in new[] { null, "ACME", "BETA" })
        {
            var scope = new LogQuery { From = Day.AddHours(8), To = Day.AddHours(14), Organization = organization };
            var inScope = entries.Where(e => e.Timestamp >= scope.From && e.Timestamp < scope.To && (organization is null || e.Organization == organization)).ToList();

            var templates = await store.GroupByTemplateAsync(scope with { Severities = ErrorsAndAlerts }, 10, CancellationToken.None);
            Assert.Equal(
                inScope.Where(e => ErrorsAndAlerts.Contains(e.Severity)).GroupBy(e => e.TemplateId)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.First().Template, StringComparer.Ordinal)
                    .Select(g => $"{g.Key} n={g.Count()} example {g.MaxBy(e => e.Timestamp.UtcTicks)!.Position.Line} terminals {string.Join(",", g.Where(e => e.Terminal is not null).Select(e => e.Terminal).Distinct().Order(StringComparer.Ordinal))}"),
                templates.Select(g => $"{g.TemplateId} n={g.Count} example {g.Example.Position.Line} terminals {string.Join(",", g.Terminals)}"));

            var errors = scope with { Severities = new HashSet<LogSeverity> { LogSeverity.Error } };
            var terminals = await store.GroupByTerminalAsync(errors, 10, CancellationToken.None);
            Assert.Equal(
                inScope.Where(e => e.Severity == LogSeverity.Error && e.Terminal is not null).GroupBy(e => e.Terminal!)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => $"{g.Key} {g.MaxBy(e => e.Timestamp.UtcTicks)!.Organization} n={g.Count()} at {g.Max(e => e.Timestamp):O}"),
                terminals.Select(g => $"{g.Terminal} {g.Organization} n={g.Count} at {g.LastSeen:O}"));
            Assert.Equal(
                inScope.Where(e => e.Severity == LogSeverity.Error && e.Terminal is not null).Select(e => e.Terminal).Distinct().LongCount(),
                await store.CountTerminalsAsync(errors, CancellationToken.None));
        }
    }

    public void Dispose() => _stores.Dispose();

    /// <summary>
    /// Alerts, errors and successes over six hours: two organizations and none, terminals shared between them and
    /// entries without one, offsets of +01:00 and -05:00, and three templates.
    /// </summary>
    private static List<LogEntry> Entries() =>
    [
        .. Enumerable.Range(0, 90).Select(i =>
        {
            var severity = (LogSeverity)(i % 4 == 0 ? 0 : i % 3 == 0 ? 1 : 2);
            var template = severity == LogSeverity.Success ? 60UL : 61UL + (ulong)(i % 3);
            return new LogEntry
            {
                Timestamp = Day.AddHours(8).AddMinutes(4 * i).AddSeconds(i).ToOffset(TimeSpan.FromHours(i % 2 == 0 ? 1 : -5)),
                Terminal = i % 7 == 0 ? null : $"POS-{i % 5:0000}",
                Organization = (i % 5) switch { 0 or 1 => "ACME", 2 or 3 => "BETA", _ => null },
                Level = severity.ToString().ToUpperInvariant(),
                Severity = severity,
                Kind = severity switch { LogSeverity.Success => LogKind.None, LogSeverity.Alert => LogKind.Offline, _ => i % 2 == 0 ? LogKind.Error : LogKind.Fail },
                Message = $"template {template} entry {i}",
                Template = $"template {template} entry <*>",
                TemplateId = template,
                Position = new LogPosition("/var/log/pos/till.log", i + 1),
            };
        }),
    ];

    /// <summary>A database at schema <paramref name="version"/> holding <paramref name="entries"/>, as an older PosFleet left it.</summary>
    private static async Task CreateAtVersionAsync(string connectionString, int version, List<LogEntry> entries)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var schema = string.Join(";\n", PostgreSqlMigrations.All.Where(m => m.Version <= version).Select(m => m.Sql));
        var day = Day.UtcTicks;
        await using (var create = new NpgsqlCommand(
            string.Create(CultureInfo.InvariantCulture, $"""
                {schema};
                CREATE TABLE {PostgreSqlMigrations.VersionTable} (version integer NOT NULL);
                INSERT INTO {PostgreSqlMigrations.VersionTable} VALUES ({version});
                CREATE TABLE log_entries_p{day} PARTITION OF log_entries FOR VALUES FROM ({day}) TO ({day + TimeSpan.TicksPerDay});
                """),
            connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        foreach (var e in entries)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO log_entries (ts, tz, source, generation, line, terminal, organization, level, kind, severity, template_id, template, message, words)
                VALUES (@ts, @tz, @source, 0, @line, @terminal, @organization, @level, @kind, @severity, @template_id, @template, @message, @words)
                """,
                connection);
            insert.Parameters.AddWithValue("ts", e.Timestamp.UtcTicks);
            insert.Parameters.AddWithValue("tz", (short)e.Timestamp.Offset.TotalMinutes);
            insert.Parameters.AddWithValue("source", e.Position.Source);
            insert.Parameters.AddWithValue("line", e.Position.Line);
            insert.Parameters.Add(new NpgsqlParameter("terminal", NpgsqlDbType.Text) { Value = (object?)e.Terminal ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("organization", NpgsqlDbType.Text) { Value = (object?)e.Organization ?? DBNull.Value });
            insert.Parameters.AddWithValue("level", e.Level);
            insert.Parameters.AddWithValue("kind", (short)e.Kind);
            insert.Parameters.AddWithValue("severity", (short)e.Severity);
            insert.Parameters.AddWithValue("template_id", (long)e.TemplateId);
            insert.Parameters.AddWithValue("template", e.Template);
            insert.Parameters.AddWithValue("message", e.Message);
            insert.Parameters.AddWithValue("words", e.Message.Split(' ').Distinct().ToArray()); // searches are not part of this test
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<List<(long N, string Text)>> RollupAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT hour, organization, terminal, template_id, severity, kind, n, first_ts, last_ts, last_tz FROM organization_template_terminals", connection);
        var rows = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var key = (Hour: reader.GetInt64(0), Organization: Text(1), Terminal: Text(2), Template: reader.GetInt64(3), Severity: (LogSeverity)reader.GetInt16(4), Kind: (LogKind)reader.GetInt16(5));
            rows.Add((reader.GetInt64(6), $"{key} n={reader.GetInt64(6)} first={reader.GetInt64(7)} last={reader.GetInt64(8)} tz={reader.GetInt16(9)}"));
        }

        return rows;
    }
}
