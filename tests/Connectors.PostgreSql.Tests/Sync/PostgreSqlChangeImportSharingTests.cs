using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PosFleet.Actions.BuiltIn;
using PosFleet.Connectors.PostgreSql.Internal;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>
/// Two connector hosts importing into one server database: the same batch is applied once, and a local reset never
/// leaves a checkpoint past the rows it emptied. Each race is forced by an advisory lock the test holds, so both sides
/// are inside their transactions at once whatever the scheduling.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlChangeImportSharingTests(PostgreSqlServer server) : IDisposable
{
    private const string Organization = "folder-1";

    // The test's gate: a trigger on items waits for it when the row with id 3 is written.
    private const long Gate = 7_316_001;

    private const string Schema = """
        CREATE TABLE items (id integer PRIMARY KEY, organization text NOT NULL, name text NOT NULL);
        CREATE TABLE applied (id integer NOT NULL);
        CREATE FUNCTION items_applied() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO applied VALUES (NEW.id);
            IF NEW.id = 3 THEN
                PERFORM pg_advisory_xact_lock_shared(7316001);
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER items_applied AFTER INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_applied();
        """;

    private readonly PostgreSqlChangeHosts _hosts = new(server);

    public void Dispose() => _hosts.Dispose();

    private async Task<ServiceProvider> TerminalAsync(string connectionString)
    {
        var provider = _hosts.Build(
            connectionString,
            o => o.Tables.Add(new SyncTable { Name = "items", KeyColumns = ["id"], Columns = ["name"], OrganizationColumn = "organization" }),
            o => { o.TerminalId = "till-1"; o.Organization = Organization; });
        await provider.GetRequiredService<PostgreSqlDatabase>().EnsureReadyAsync(CancellationToken.None);
        return provider;
    }

    private static RowChange Item(long version, int id, string name) => new()
    {
        Table = "items", Version = version,
        Values = JsonElement.Parse($$"""{"id": {{id}}, "organization": "folder-1", "name": "{{name}}"}""").EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
    };

    private static ChangeBatch Batch(long from, long to, params RowChange[] changes) => new() { Organization = Organization, FromCheckpoint = from, Checkpoint = to, Changes = changes };

    /// <summary>Waits until <paramref name="count"/> sessions wait for an advisory lock (or <paramref name="done"/> ends first).</summary>
    private static async Task WaitForWaitersAsync(NpgsqlConnection connection, int count, Task? done = null)
    {
        // Bounded only so that a regression fails rather than hangs.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
        while ((long)(await waiting.ExecuteScalarAsync(guard.Token))! < count && done is not { IsCompleted: true })
        {
            await Task.Delay(20, guard.Token);
        }
    }

    private static async Task<string> RowsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return string.Join(",", rows);
    }

    /// <summary>A new database holding <see cref="Schema"/>, and the test's own connection to it.</summary>
    private async Task<(string ConnectionString, NpgsqlConnection Test)> CreateDatabaseAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, Schema);
        var test = new NpgsqlConnection(connectionString);
        await test.OpenAsync();
        return (connectionString, test);
    }

    private static async Task RunAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task ImportAsync_SameBatchOnTwoHostsAtOnce_OneWritesTheOtherFindsItImportedAndRowsAppliedOnce()
    {
        var (connectionString, test) = await CreateDatabaseAsync();
        await using var _ = test;
        await using var first = await TerminalAsync(connectionString);
        await using var second = await TerminalAsync(connectionString);
        var batch = Batch(0, 2, Item(1, 1, "Espresso"), Item(2, 2, "Latte"));

        // Holding the organization's import turn, the test lets both imports start and queue for it.
        await RunAsync(test, $"SELECT pg_advisory_lock(hashtextextended('posfleet-change-import:{Organization}', 0))");

        var imports = new[] { first, second }.Select(t => t.GetRequiredService<IChangeImporter>().ImportAsync(batch, CancellationToken.None).AsTask()).ToArray();
        await WaitForWaitersAsync(test, 2);
        await RunAsync(test, "SELECT pg_advisory_unlock_all()");

        var results = await Task.WhenAll(imports);

        Assert.Equal(["already imported", "written 2"], results.Select(r => r.AlreadyImported ? "already imported" : $"written {r.Written}").Order(StringComparer.Ordinal));
        Assert.Equal("1,2", await RowsAsync(test, "SELECT id FROM applied ORDER BY id"));
        Assert.Equal(2L, await first.GetRequiredService<IChangeImporter>().GetCheckpointAsync(Organization, CancellationToken.None));
    }

    [Fact]
    public async Task ResetAsync_WhileAnotherHostImports_NoCheckpointLeftPastTheRows()
    {
        var (connectionString, test) = await CreateDatabaseAsync();
        await using var _ = test;
        await using var importing = await TerminalAsync(connectionString);
        await using var resetting = await TerminalAsync(connectionString);
        var importer = importing.GetRequiredService<IChangeImporter>();
        await importer.ImportAsync(Batch(0, 2, Item(1, 1, "Espresso"), Item(2, 2, "Latte")), CancellationToken.None);

        // The import stops half-way (row 3 written, checkpoint 2 read, the new one not yet) while the test holds the gate.
        await RunAsync(test, $"SELECT pg_advisory_lock({Gate})");

        var import = importer.ImportAsync(Batch(2, 4, Item(3, 3, "Mocha"), Item(4, 4, "Tea")), CancellationToken.None).AsTask();
        await WaitForWaitersAsync(test, 1);
        var reset = resetting.GetRequiredService<ILocalDatabaseReset>().ResetAsync(CancellationToken.None).AsTask();
        await WaitForWaitersAsync(test, 2, reset);
        await RunAsync(test, "SELECT pg_advisory_unlock_all()");

        await Task.WhenAll(import, reset);
        var checkpoint = await importer.GetCheckpointAsync(Organization, CancellationToken.None);
        var rows = await RowsAsync(test, "SELECT id FROM items ORDER BY id");

        // The reset waited for the import, then emptied what it wrote: no row 3 and 4 under a checkpoint of 4 without 1 and 2.
        Assert.Equal((0L, ""), (checkpoint, rows));
    }
}
