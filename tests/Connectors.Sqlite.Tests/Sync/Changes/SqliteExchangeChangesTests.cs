using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Configurations;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>The change batch and the connector configuration carried by the exchange, between real SQLite files.</summary>
public sealed class SqliteExchangeChangesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task SyncNowAsync_ChangesWaiting_TerminalImportsThemAllWithItsCheckpoint()
    {
        var backOfficeDb = Path.Combine(_dir.Path, "backoffice.db");
        var terminalDb = Path.Combine(_dir.Path, "till-1.db");
        await using var backOffice = ChangeHosts.Create(backOfficeDb, null, o => { o.Tables.Add(ChangeHosts.Items()); o.Tables.Add(ChangeHosts.Users()); o.MaxBatchRows = 4; }, b => b.AddSyncBackOffice());
        await backOffice.GetRequiredService<IChangeExporter>().ExportAsync("folder-1", null, 0, CancellationToken.None);
        var enrolment = await backOffice.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-1", "folder-1");
        SqliteFile.Execute(backOfficeDb, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
            INSERT INTO items (id, organization, name, price) SELECT i, 'folder-1', 'Item ' || i, i FROM n;
            INSERT INTO items (id, organization, name) VALUES (99, 'folder-2', 'not this folder''s');
            INSERT INTO users VALUES ('anne', 'folder-1', 'Anne', 'till-1'), ('bruno', 'folder-1', 'Bruno', 'till-2');
            """);
        await using var terminal = Terminal(terminalDb, backOffice, enrolment.Credential);

        var outcome = await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Succeeded, outcome.Status);
        Assert.True(outcome.Exchanges >= 8, $"{outcome.Exchanges} exchanges");
        Assert.Equal(30L, SqliteFile.Scalar(terminalDb, "SELECT count(*) FROM items;"));
        Assert.Equal("anne|folder-1|Anne|till-1", ChangeHosts.Dump(terminalDb, "users"));
        Assert.Equal(
            (long)SqliteFile.Scalar(backOfficeDb, "SELECT max(version) FROM sync_changes;")!,
            await terminal.GetRequiredService<IChangeImporter>().GetCheckpointAsync("folder-1", CancellationToken.None));
    }

    [Fact]
    public async Task SyncNowAsync_NewerConfigurationOnBackOffice_AppliedAndReportedVersionMatchesDesired()
    {
        var backOfficeDb = Path.Combine(_dir.Path, "backoffice.db");
        await using var backOffice = ChangeHosts.Create(backOfficeDb, null, more: b => b.AddSyncBackOffice());
        var enrolment = await backOffice.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-1", "folder-1");
        var store = backOffice.GetRequiredService<ITerminalConfigurationStore>();
        await store.SetAsync("till-1", new Dictionary<string, string> { ["shop"] = "https://shop.example" }, TimeSpan.FromMinutes(1), CancellationToken.None);
        var desired = await store.SetAsync("till-1", new Dictionary<string, string> { ["shop"] = "https://shop2.example" }, TimeSpan.FromMinutes(15), CancellationToken.None);
        await using var terminal = Terminal(Path.Combine(_dir.Path, "till-1.db"), backOffice, enrolment.Credential);
        var source = terminal.GetRequiredService<ITerminalConfigurationSource>();
        var reloaded = source.GetReloadToken();

        await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();
        var before = Assert.Single(await store.ListAsync(CancellationToken.None));
        await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();
        var after = Assert.Single(await store.ListAsync(CancellationToken.None));

        Assert.Equal(2, desired.Version);
        Assert.Equal("https://shop2.example", source.Current!.Settings["shop"]);
        Assert.Equal(TimeSpan.FromMinutes(15), source.Current.SyncInterval);
        Assert.True(reloaded.HasChanged);
        Assert.False(before.IsCurrent);
        Assert.Equal(0, before.ReportedVersion);
        Assert.True(after.IsCurrent);
        Assert.Equal(2, after.ReportedVersion);
    }

    private static ServiceProvider Terminal(string path, IServiceProvider backOffice, string credential) =>
        ChangeHosts.Create(path, "till-1", o => { o.Tables.Add(ChangeHosts.Items()); o.Tables.Add(ChangeHosts.Users()); }, b => b
            .AddSyncAgent(o =>
            {
                o.Credential = credential;
                o.EnableBackground = false;
                o.ApplicationVersion = "34.0";
            })
            .AddSyncInProcessTransport(backOffice.GetRequiredService<ISyncExchangeHandler>()));
}
