using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PosFleet.Connectors.PostgreSql.Internal;
using PosFleet.Connectors.PostgreSql.Internal.Changes;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>
/// Change tracking of the host's tables on PostgreSQL, what the conformance suite cannot say in portable SQL: the
/// triggers installed at start-up, once across instances; TRUNCATE; a host transaction left open; declarations refused.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSyncTablesTests(PostgreSqlServer server) : IDisposable
{
    private const string Schema = """
        CREATE TABLE items (id integer PRIMARY KEY, folder text NOT NULL, name text NOT NULL, price numeric(8, 2), picture bytea, active boolean);
        CREATE TABLE codes (shop text NOT NULL, code text NOT NULL, folder text NOT NULL, label text, UNIQUE (shop, code));
        """;

    private readonly PostgreSqlChangeHosts _hosts = new(server);

    public void Dispose() => _hosts.Dispose();

    private static SyncTable Items() => new() { Name = "items", KeyColumns = ["id"], Columns = ["name", "price", "picture", "active"], OrganizationColumn = "folder" };

    private static SyncTable Codes() => new() { Name = "codes", KeyColumns = ["shop", "code"], Columns = ["label"], OrganizationColumn = "folder" };

    private static void Declare(SyncTablesOptions o)
    {
        o.Tables.Add(Items());
        o.Tables.Add(Codes());
    }

    private static async Task<List<ChangeBatch>> ExportAllAsync(IServiceProvider backOffice, long checkpoint = 0)
    {
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        var batches = new List<ChangeBatch>();
        do
        {
            batches.Add(await exporter.ExportAsync("folder-1", null, checkpoint, CancellationToken.None));
            checkpoint = batches[^1].Checkpoint;
        }
        while (batches[^1].HasMore);
        return batches;
    }

    [Fact]
    public async Task StartAsync_BackOfficeDeclaringSyncTables_RowsWrittenBeforeAreExportedWithTheirTypes()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, Schema + """
            INSERT INTO items VALUES (1, 'folder-1', 'Espresso', 1.50, '\x00ff'::bytea, true);
            INSERT INTO codes VALUES ('north', 'A-1', 'folder-1', 'Café');
            """);
        var builder = new HostApplicationBuilder();
        builder.Services.AddPosFleet().UsePostgreSqlStorage(connectionString).AddSyncTables(Declare);
        using var host = builder.Build();

        await host.StartAsync();
        var changes = (await ExportAllAsync(host.Services)).SelectMany(b => b.Changes).ToList();
        await host.StopAsync();

        var item = changes.Single(c => c.Table == "items").Values;
        Assert.Equal((1, "Espresso", 1.50m, "AP8=", true), (item["id"].GetInt32(), item["name"].GetString(), item["price"].GetDecimal(), item["picture"].GetProperty("base64").GetString(), item["active"].GetBoolean()));
        var code = changes.Single(c => c.Table == "codes").Values;
        Assert.Equal(("north", "A-1", "Café"), (code["shop"].GetString(), code["code"].GetString(), code["label"].GetString()));
    }

    [Fact]
    public async Task ExportAsync_MoreChangesThanOneReadAheadAcrossTablesWithRemovalsAndAnotherTerminalsRows_EachAsItIs()
    {
        await using var backOffice = await _hosts.CreateAsync(
            Schema + "CREATE TABLE seats (id integer PRIMARY KEY, folder text NOT NULL, terminal text, label text);",
            o =>
            {
                Declare(o);
                o.Tables.Add(new SyncTable { Name = "seats", KeyColumns = ["id"], Columns = ["label"], OrganizationColumn = "folder", TerminalColumn = "terminal" });
            });
        // Positions 1-150 items, 151-250 codes, 251-270 seats of two terminals, 271-320 items again, then 20 removals.
        await PostgreSqlChangeHosts.ExecuteAsync(_hosts.ConnectionString(backOffice), """
            INSERT INTO items (id, folder, name) SELECT i, 'folder-1', 'item ' || i FROM generate_series(1, 150) i;
            INSERT INTO codes SELECT 'north', 'C-' || i, 'folder-1', 'code ' || i FROM generate_series(1, 100) i;
            INSERT INTO seats SELECT i, 'folder-1', CASE WHEN i % 2 = 0 THEN 'till-1' ELSE 'till-2' END, 'seat ' || i FROM generate_series(1, 20) i;
            INSERT INTO items (id, folder, name) SELECT i, 'folder-1', 'item ' || i FROM generate_series(151, 200) i;
            DELETE FROM items WHERE id % 10 = 0;
            """);

        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        var changes = new List<RowChange>();
        ChangeBatch batch;
        long checkpoint = 0;
        do
        {
            batch = await exporter.ExportAsync("folder-1", "till-1", checkpoint, CancellationToken.None);
            changes.AddRange(batch.Changes);
            checkpoint = batch.Checkpoint;
        }
        while (batch.HasMore);

        Assert.True(changes.Count > 256);
        var items = changes.Where(c => c.Table == "items").ToList();
        Assert.Equal(Enumerable.Range(1, 200).Where(i => i % 10 != 0).Select(i => $"{i}:item {i}"), items.Where(c => !c.Deleted).OrderBy(c => c.Values["id"].GetInt32()).Select(c => $"{c.Values["id"].GetInt32()}:{c.Values["name"].GetString()}"));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i * 10), items.Where(c => c.Deleted).Select(c => c.Values["id"].GetInt32()).Order());
        Assert.Equal(Enumerable.Range(1, 100).Select(i => $"C-{i}:code {i}").Order(StringComparer.Ordinal), changes.Where(c => c.Table == "codes" && !c.Deleted).Select(c => $"{c.Values["code"].GetString()}:{c.Values["label"].GetString()}").Order(StringComparer.Ordinal));
        var seats = changes.Where(c => c.Table == "seats").ToList();
        // Another terminal's rows go as removals (the terminal drops them), its own with their values.
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"{i * 2}:seat {i * 2}"), seats.Where(c => !c.Deleted).OrderBy(c => c.Values["id"].GetInt32()).Select(c => $"{c.Values["id"].GetInt32()}:{c.Values["label"].GetString()}"));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 2 + 1), seats.Where(c => c.Deleted).Select(c => c.Values["id"].GetInt32()).Order());
    }

    [Fact]
    public async Task ImportAsync_NumericByteaAndBooleanColumns_WrittenWithTheirTypes()
    {
        var source = await server.CreateDatabaseAsync();
        await PostgreSqlChangeHosts.ExecuteAsync(source, Schema + """
            INSERT INTO items VALUES (1, 'folder-1', 'Espresso', 1.50, '\x00ff'::bytea, true), (2, 'folder-1', 'Latte', 123456.78, ''::bytea, false), (3, 'folder-1', 'Water', NULL, NULL, NULL);
            """);
        await using var backOffice = await _hosts.CreateAsync("", Declare, source);
        var target = await server.CreateDatabaseAsync();
        await PostgreSqlChangeHosts.ExecuteAsync(target, Schema);
        await using var terminal = _hosts.Build(target, Declare, o => { o.TerminalId = "till-1"; o.Organization = "folder-1"; });
        await terminal.GetRequiredService<PostgreSqlDatabase>().EnsureReadyAsync(CancellationToken.None);
        var importer = terminal.GetRequiredService<IChangeImporter>();

        foreach (var batch in await ExportAllAsync(backOffice))
        {
            await importer.ImportAsync(batch, CancellationToken.None);
        }

        Assert.Equal(
            "1|Espresso|1.50|\\x00ff|true\n2|Latte|123456.78|\\x|false\n3|Water|NULL|NULL|NULL",
            await PostgreSqlChangeHosts.ScalarAsync(target, "SELECT string_agg(concat_ws('|', id, name, coalesce(price::text, 'NULL'), coalesce(picture::text, 'NULL'), coalesce(active::text, 'NULL')), E'\\n' ORDER BY id) FROM items"));
    }

    [Fact]
    public async Task Start_TwoInstancesOnOneDatabase_RowsLoggedOnceAndOneTriggerPerTable()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, Schema + "INSERT INTO items (id, folder, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte');");
        var first = _hosts.Build(connectionString, Declare);
        var second = _hosts.Build(connectionString, Declare);

        await Task.WhenAll(
            first.GetRequiredService<PostgreSqlChangeTracking>().EnsureInstalledAsync(CancellationToken.None),
            second.GetRequiredService<PostgreSqlChangeTracking>().EnsureInstalledAsync(CancellationToken.None));
        await using var third = _hosts.Build(connectionString, Declare);
        await third.GetRequiredService<PostgreSqlChangeTracking>().EnsureInstalledAsync(CancellationToken.None);

        Assert.Equal(2L, await PostgreSqlChangeHosts.ScalarAsync(connectionString, "SELECT count(*) FROM sync_changes"));
        Assert.Equal(4L, await PostgreSqlChangeHosts.ScalarAsync(connectionString, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"));
        Assert.Equal(2, (await ExportAllAsync(third)).Sum(b => b.Changes.Count));
    }

    [Fact]
    public async Task HostWrites_Truncate_EveryRowExportedAsARemoval()
    {
        await using var backOffice = await _hosts.CreateAsync(Schema, Declare);
        var connectionString = _hosts.ConnectionString(backOffice);
        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, "INSERT INTO items (id, folder, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte')");
        var before = (await ExportAllAsync(backOffice))[^1].Checkpoint;

        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, "TRUNCATE items");
        var changes = (await ExportAllAsync(backOffice, before)).SelectMany(b => b.Changes).ToList();

        Assert.Equal(["1:deleted", "2:deleted"], changes.Select(c => $"{c.Values["id"].GetInt32()}:{(c.Deleted ? "deleted" : "live")}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ExportAsync_HostTransactionRewritingARowLeftOpen_OthersExportedWithoutWaitingAndItsChangeAfterItCommits()
    {
        await using var backOffice = await _hosts.CreateAsync(Schema, Declare);
        var connectionString = _hosts.ConnectionString(backOffice);
        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, "INSERT INTO items (id, folder, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte')");
        await using var connection = await _hosts.OpenAsync(backOffice);
        await using var open = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE items SET name = 'Ristretto' WHERE id = 1", connection, open))
        {
            await update.ExecuteNonQueryAsync();
        }

        // Bounded only so that a regression fails rather than hangs.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        var during = await exporter.ExportAsync("folder-1", null, 0, guard.Token);
        await open.CommitAsync();
        var after = await exporter.ExportAsync("folder-1", null, during.Checkpoint, guard.Token);

        Assert.Equal([2], during.Changes.Select(c => c.Values["id"].GetInt32()));
        Assert.Equal("Ristretto", Assert.Single(after.Changes).Values["name"].GetString());
    }

    [Fact]
    public async Task Start_KeyNeitherPrimaryKeyNorUnique_FailsNamingTableAndFix()
    {
        await using var backOffice = _hosts.Build(await CreateDatabaseWithSchemaAsync(), o => o.Tables.Add(new SyncTable { Name = "items", KeyColumns = ["name"], OrganizationColumn = "folder" }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => backOffice.GetRequiredService<PostgreSqlChangeTracking>().EnsureInstalledAsync(CancellationToken.None));

        Assert.Contains("'items'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unique index", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MissingTableOrColumn_FailsNamingThem()
    {
        var connectionString = await CreateDatabaseWithSchemaAsync();
        await using var noTable = _hosts.Build(connectionString, o => o.Tables.Add(new SyncTable { Name = "prices", KeyColumns = ["id"], OrganizationColumn = "folder" }));
        await using var noColumn = _hosts.Build(connectionString, o => o.Tables.Add(new SyncTable { Name = "items", KeyColumns = ["id"], Columns = ["colour"], OrganizationColumn = "folder" }));

        var table = await Assert.ThrowsAsync<InvalidOperationException>(() => noTable.GetRequiredService<PostgreSqlChangeTracking>().EnsureInstalledAsync(CancellationToken.None));
        var column = await Assert.ThrowsAsync<InvalidOperationException>(() => noColumn.GetRequiredService<PostgreSqlChangeTracking>().EnsureInstalledAsync(CancellationToken.None));

        Assert.Contains("Sync table 'prices' does not exist", table.Message, StringComparison.Ordinal);
        Assert.Contains("no column 'colour'", column.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", table.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_TableNoLongerDeclared_ItsTriggersDroppedAndItsWritesNoLongerLogged()
    {
        var connectionString = await CreateDatabaseWithSchemaAsync();
        await (await _hosts.CreateAsync("", Declare, connectionString)).DisposeAsync();

        await using var itemsOnly = await _hosts.CreateAsync("", o => o.Tables.Add(Items()), connectionString);
        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, "INSERT INTO codes VALUES ('north', 'A-1', 'folder-1', 'Café')");

        Assert.Equal(0L, await PostgreSqlChangeHosts.ScalarAsync(connectionString, "SELECT count(*) FROM sync_changes WHERE table_name = 'codes'"));
        Assert.Equal(2L, await PostgreSqlChangeHosts.ScalarAsync(connectionString, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"));
    }

    [Fact]
    public async Task Start_Terminal_InstallsNoTriggers()
    {
        var connectionString = await CreateDatabaseWithSchemaAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet(o => { o.TerminalId = "till-1"; o.Organization = "folder-1"; }).UsePostgreSqlStorage(connectionString).AddSyncTables(Declare);
        await using var terminal = services.BuildServiceProvider();

        await terminal.GetRequiredService<PostgreSqlChangeTracking>().EnsureInstalledAsync(CancellationToken.None);

        Assert.Equal(0L, await PostgreSqlChangeHosts.ScalarAsync(connectionString, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"));
    }

    private async Task<string> CreateDatabaseWithSchemaAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, Schema);
        return connectionString;
    }
}
