using Npgsql;
using PosFleet.Connectors.PostgreSql.Internal;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>
/// The dashboard's groups read <c>organization_template_terminals</c> (the server's plan names it), so that a change
/// that sends them back to the entries is caught here rather than by a slow dashboard; queries the rollup cannot
/// answer read the entries alone.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTemplateTerminalsPlanTests(PostgreSqlServer server) : IDisposable
{
    private const string Rollup = "organization_template_terminals";
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<LogSeverity> ErrorsAndAlerts = [LogSeverity.Error, LogSeverity.Alert];
    private static readonly HashSet<LogSeverity> Errors = [LogSeverity.Error];
    private readonly PostgreSqlStores _stores = new(server);

    [Theory]
    [InlineData(null)]
    [InlineData("ACME")]
    public async Task Plans_TheDashboardsGroups_ReadTheRollup(string? organization)
    {
        var connectionString = await StoreWithEntriesAsync();
        var window = new LogQuery { From = Noon.AddHours(-48), To = Noon, Organization = organization };

        Assert.Contains(Rollup, await PlanAsync(connectionString, PostgreSqlLogStore.TemplateGroupsCommand(window with { Severities = ErrorsAndAlerts }, 10)), StringComparison.Ordinal);
        Assert.Contains(Rollup, await PlanAsync(connectionString, PostgreSqlLogStore.TerminalGroupsCommand(window with { Severities = Errors }, 10)), StringComparison.Ordinal);
        Assert.Contains(Rollup, await PlanAsync(connectionString, PostgreSqlLogStore.TerminalCountCommand(window with { Severities = Errors })), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plans_SuccessesOrOneTerminal_ReadTheEntriesOnly()
    {
        var connectionString = await StoreWithEntriesAsync();
        var window = new LogQuery { From = Noon.AddHours(-48), To = Noon, Organization = "ACME" };

        var withSuccesses = await PlanAsync(connectionString, PostgreSqlLogStore.TemplateGroupsCommand(window, 10));
        var oneTerminal = await PlanAsync(connectionString, PostgreSqlLogStore.TerminalGroupsCommand(window with { Terminal = "POS-0001", Severities = Errors }, 10));

        Assert.DoesNotContain(Rollup, withSuccesses, StringComparison.Ordinal);
        Assert.Contains("log_entries", withSuccesses, StringComparison.Ordinal);
        Assert.DoesNotContain(Rollup, oneTerminal, StringComparison.Ordinal);
        Assert.Contains("log_entries", oneTerminal, StringComparison.Ordinal);
    }

    public void Dispose() => _stores.Dispose();

    /// <summary>A migrated database with a day of entries (their partitions made), so that the plans are those of a store in use.</summary>
    private async Task<string> StoreWithEntriesAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var entries = Enumerable.Range(0, 48).Select(i => new LogEntry
        {
            Timestamp = Noon.AddHours(-i - 0.5),
            Terminal = $"POS-000{i % 3}",
            Organization = i % 2 == 0 ? "ACME" : "BETA",
            Level = "ERROR",
            Kind = LogKind.Error,
            Severity = LogSeverity.Error,
            Message = $"disk error {i}",
            Template = "disk error <*>",
            TemplateId = 7,
            Position = new LogPosition("till.log", i + 1),
        }).ToList();
        await _stores.On<ILogStore>(connectionString).AppendAsync(new LogBatch(entries, new IngestCheckpoint("till.log", 4_800, 48, 1, null, 0)), CancellationToken.None);
        return connectionString;
    }

    private static async Task<string> PlanAsync(string connectionString, NpgsqlCommand command)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        using (command)
        {
            command.Connection = connection;
            command.CommandText = "EXPLAIN (COSTS OFF) " + command.CommandText;
            var plan = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }

            return string.Join('\n', plan);
        }
    }
}
