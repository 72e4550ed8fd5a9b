using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Connectors.Sqlite.Internal.Changes;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Configurations;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>
/// The change tables in migration 0006, a file whose change tables the previous code created at start-up, and the
/// per-table triggers that stay generated from the host's declaration.
/// </summary>
public sealed class SqliteChangeSchemaUpgradeTests : IDisposable
{
    // What the previous code ran at every start-up, outside the numbered migrations (the file stayed at schema 5).
    private const string StartUpTablesOfThePreviousCode = """
        CREATE TABLE IF NOT EXISTS sync_changes (
            version      INTEGER PRIMARY KEY AUTOINCREMENT,
            table_name   TEXT NOT NULL,
            row_key      TEXT NOT NULL,
            organization TEXT,
            terminal     TEXT,
            deleted      INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS sync_changes_row ON sync_changes (table_name, row_key, organization);
        CREATE INDEX IF NOT EXISTS sync_changes_organization ON sync_changes (organization, version);
        CREATE TABLE IF NOT EXISTS sync_change_tables (table_name TEXT NOT NULL PRIMARY KEY, definition TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS sync_change_checkpoints (organization TEXT NOT NULL PRIMARY KEY, checkpoint INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS sync_terminal_configurations (
            terminal TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, sync_interval_ms INTEGER, settings TEXT NOT NULL,
            reported_version INTEGER, reported_at INTEGER
        ) WITHOUT ROWID;
        """;

    private const string Settings = """{"printer":"tm-88"}""";

    private readonly TempDirectory _dir = new();

    private string Db => Path.Combine(_dir.Path, "backoffice.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Open_FileWithTheChangeTablesOfThePreviousCode_MigratesTo6AndKeepsItsChanges()
    {
        SqliteFile.CreateAtSchema(Db, 5, StartUpTablesOfThePreviousCode + ChangeHosts.Schema + $"""
            INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte');
            INSERT INTO sync_changes (version, table_name, row_key, organization, terminal, deleted) VALUES
                (7, 'items', '[1]', 'folder-1', NULL, 0), (8, 'items', '[3]', 'folder-1', NULL, 1), (9, 'items', '[2]', 'folder-1', NULL, 0);
            INSERT INTO sync_change_tables VALUES ('items', '{SqliteChangeSchema.Definition(ChangeHosts.Items())}');
            INSERT INTO sync_terminal_configurations VALUES ('till-01', 3, NULL, '{Settings}', 2, 0);
            """);
        await using var host = ChangeHosts.Create(Db, terminalId: null, o => o.Tables.Add(ChangeHosts.Items()));

        var batch = await host.GetRequiredService<IChangeExporter>().ExportAsync("folder-1", null, 0, CancellationToken.None);
        var configurations = await host.GetRequiredService<ITerminalConfigurationStore>().ListAsync(CancellationToken.None);

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.SchemaVersion(Db));
        Assert.Equal(["7 [1] live", "8 [3] deleted", "9 [2] live"], batch.Changes.Select(c => $"{c.Version} [{c.Values["id"]}] {(c.Deleted ? "deleted" : "live")}"));
        Assert.Equal(9, batch.Checkpoint);
        Assert.Equal(3, Assert.Single(configurations).Desired.Version);
        SqliteFile.Execute(Db, "UPDATE items SET name = 'Flat white' WHERE id = 1;");
        Assert.Equal(10L, SqliteFile.Scalar(Db, "SELECT version FROM sync_changes WHERE row_key = '[1]';"));
    }

    [Fact]
    public async Task Start_DeclarationGainsAColumn_TriggersReplacedAndTheColumnsUpdatesLogged()
    {
        var nameOnly = new SyncTable { Name = "items", KeyColumns = ["id"], Columns = ["name"], OrganizationColumn = "organization" };
        await using (var host = ChangeHosts.Create(Db, terminalId: null, o => o.Tables.Add(nameOnly)))
        {
            await host.GetRequiredService<IChangeExporter>().ExportAsync("folder-1", null, 0, CancellationToken.None);
            SqliteFile.Execute(Db, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'); UPDATE items SET price = 2.5 WHERE id = 1;");
        }

        var before = (long)SqliteFile.Scalar(Db, "SELECT version FROM sync_changes WHERE row_key = '[1]';")!;
        SqliteConnection.ClearAllPools();
        await using (var host = ChangeHosts.Create(Db, terminalId: null, o => o.Tables.Add(ChangeHosts.Items())))
        {
            await host.GetRequiredService<IChangeExporter>().ExportAsync("folder-1", null, 0, CancellationToken.None);
            var declaredAnew = (long)SqliteFile.Scalar(Db, "SELECT version FROM sync_changes WHERE row_key = '[1]';")!;
            SqliteFile.Execute(Db, "UPDATE items SET price = 3.0 WHERE id = 1;");
            var afterPriceUpdate = (long)SqliteFile.Scalar(Db, "SELECT version FROM sync_changes WHERE row_key = '[1]';")!;

            Assert.True(before < declaredAnew && declaredAnew < afterPriceUpdate, $"{before} < {declaredAnew} < {afterPriceUpdate}");
        }

        Assert.Equal(3L, SqliteFile.Scalar(Db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'items';"));
        Assert.Contains("\"price\"", (string)SqliteFile.Scalar(Db, "SELECT sql FROM sqlite_schema WHERE name = 'sync_changes_items_update';")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TableNoLongerDeclared_ItsTriggersDroppedAndItsWritesNoLongerLogged()
    {
        await using (var host = ChangeHosts.Create(Db, terminalId: null, o => { o.Tables.Add(ChangeHosts.Items()); o.Tables.Add(ChangeHosts.Users()); }))
        {
            await host.GetRequiredService<IChangeExporter>().ExportAsync("folder-1", null, 0, CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        await using (var host = ChangeHosts.Create(Db, terminalId: null, o => o.Tables.Add(ChangeHosts.Items())))
        {
            await host.GetRequiredService<IChangeExporter>().ExportAsync("folder-1", null, 0, CancellationToken.None);
        }

        SqliteFile.Execute(Db, "INSERT INTO users (id, organization, name) VALUES ('u1', 'folder-1', 'Ana'); INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso');");

        Assert.Equal(0L, SqliteFile.Scalar(Db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'users';"));
        Assert.Equal(3L, SqliteFile.Scalar(Db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'items';"));
        Assert.Equal("items", SqliteFile.Scalar(Db, "SELECT group_concat(table_name) FROM sync_changes;"));
        Assert.Equal("items", SqliteFile.Scalar(Db, "SELECT group_concat(table_name) FROM sync_change_tables;"));
    }
}
