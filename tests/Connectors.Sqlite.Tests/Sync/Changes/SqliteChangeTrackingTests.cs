using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>Change tracking on the back office: triggers a host cannot forget, installed idempotently at start-up.</summary>
public sealed class SqliteChangeTrackingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Db => Path.Combine(_dir.Path, "backoffice.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Start_RowsWrittenBefore_LoggedOnceEvenWhenStartedTwice()
    {
        for (var i = 0; i < 2; i++)
        {
            await using var host = ChangeHosts.Create(Db, terminalId: null);
            SqliteFile.Execute(Db, "INSERT OR IGNORE INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte');");
            await StartAsync(host);
            SqliteConnection.ClearAllPools();
        }

        Assert.Equal(2L, SqliteFile.Scalar(Db, "SELECT count(*) FROM sync_changes;"));
        Assert.Equal(3L, SqliteFile.Scalar(Db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'items';"));
    }

    [Fact]
    public async Task HostWrites_InsertUpdateDelete_EachGetsAHigherVersionAndDeleteLeavesATombstone()
    {
        await using var host = ChangeHosts.Create(Db, terminalId: null);
        await StartAsync(host);

        SqliteFile.Execute(Db, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso');");
        var inserted = (long)SqliteFile.Scalar(Db, "SELECT version FROM sync_changes WHERE row_key = '[1]';")!;
        SqliteFile.Execute(Db, "UPDATE items SET price = 1.5 WHERE id = 1;");
        var updated = (long)SqliteFile.Scalar(Db, "SELECT version FROM sync_changes WHERE row_key = '[1]';")!;
        SqliteFile.Execute(Db, "DELETE FROM items WHERE id = 1;");
        var deleted = (long)SqliteFile.Scalar(Db, "SELECT version FROM sync_changes WHERE row_key = '[1]' AND deleted = 1;")!;

        Assert.True(inserted < updated && updated < deleted, $"{inserted} < {updated} < {deleted}");
        Assert.Equal(1L, SqliteFile.Scalar(Db, "SELECT count(*) FROM sync_changes WHERE table_name = 'items';"));
    }

    [Fact]
    public async Task HostWrites_InsertOrIgnoreAndReplace_StillLogged()
    {
        // A conflict clause in a trigger gives way to the host statement's: the triggers must not rely on one.
        await using var host = ChangeHosts.Create(Db, terminalId: null);
        await StartAsync(host);
        SqliteFile.Execute(Db, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso');");
        var first = (long)SqliteFile.Scalar(Db, "SELECT version FROM sync_changes WHERE row_key = '[1]';")!;

        SqliteFile.Execute(Db, "INSERT OR REPLACE INTO items (id, organization, name) VALUES (1, 'folder-1', 'Ristretto');");
        SqliteFile.Execute(Db, "INSERT OR IGNORE INTO items (id, organization, name) VALUES (2, 'folder-1', 'Mocha');");

        Assert.True((long)SqliteFile.Scalar(Db, "SELECT version FROM sync_changes WHERE row_key = '[1]';")! > first);
        Assert.Equal(1L, SqliteFile.Scalar(Db, "SELECT count(*) FROM sync_changes WHERE row_key = '[2]' AND deleted = 0;"));
    }

    [Fact]
    public async Task Start_KeyNeitherPrimaryKeyNorUnique_FailsNamingTableAndFix()
    {
        var host = ChangeHosts.Create(Db, terminalId: null, o => o.Tables.Add(new SyncTable { Name = "items", KeyColumns = ["name"], OrganizationColumn = "organization" }));
        await using (host)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(host));
            Assert.Contains("'items'", error.Message, StringComparison.Ordinal);
            Assert.Contains("unique index", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_MissingColumn_FailsNamingTableAndColumn()
    {
        var host = ChangeHosts.Create(Db, terminalId: null, o => o.Tables.Add(new SyncTable { Name = "items", KeyColumns = ["id"], Columns = ["colour"], OrganizationColumn = "organization" }));
        await using (host)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(host));
            Assert.Contains("no column 'colour'", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_Terminal_InstallsNoTriggers()
    {
        await using var host = ChangeHosts.Create(Db, terminalId: "till-1");
        await StartAsync(host);

        Assert.Equal(0L, SqliteFile.Scalar(Db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger';"));
    }

    private static async Task StartAsync(IServiceProvider host)
    {
        var services = host.GetServices<IHostedService>().ToList();
        foreach (var service in services)
        {
            await service.StartAsync(CancellationToken.None);
        }

        foreach (var service in services.OfType<IHostedLifecycleService>())
        {
            await service.StartedAsync(CancellationToken.None);
        }
    }
}
