using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;
using PosFleet.Connectors.Sqlite.Tests.Sync.Changes;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.Connectors.Sqlite.Tests.Actions;

/// <summary>The reset-database action between a back office and a terminal on real SQLite files.</summary>
public sealed class SqliteResetDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task ResetDatabase_DamagedLocalData_TerminalRebuildsFromFullExportAndActionSucceeds()
    {
        var backOfficeDb = Path.Combine(_dir.Path, "backoffice.db");
        var terminalDb = Path.Combine(_dir.Path, "till-1.db");
        await using var backOffice = ChangeHosts.Create(backOfficeDb, null, o => { o.Tables.Add(ChangeHosts.Items()); o.Tables.Add(ChangeHosts.Users()); o.MaxBatchRows = 8; }, b => b.AddSyncBackOffice().AddActionsBackOffice());
        var enrolment = await backOffice.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-1", "folder-1");
        SqliteFile.Execute(backOfficeDb, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
            INSERT INTO items (id, organization, name, price) SELECT i, 'folder-1', 'Item ' || i, i FROM n;
            INSERT INTO users VALUES ('anne', 'folder-1', 'Anne', 'till-1');
            """);
        await using var terminal = Terminal(terminalDb, backOffice, enrolment.Credential);
        var agent = terminal.GetRequiredService<ISyncAgent>();
        await agent.SyncNowAsync();
        var expected = ChangeHosts.Dump(backOfficeDb, "items");
        Assert.Equal(expected, ChangeHosts.Dump(terminalDb, "items"));
        // The till's copy drifts behind the back office's back: 8 rows lost, one altered, one that was never sent (23 items + 1 user left).
        SqliteFile.Execute(terminalDb, """
            DELETE FROM items WHERE id BETWEEN 5 AND 12;
            UPDATE items SET name = 'damaged', price = -1 WHERE id = 20;
            INSERT INTO items (id, organization, name) VALUES (500, 'folder-1', 'stray');
            INSERT INTO sync_change_reinit (organization, cursor) VALUES ('folder-1', 7);
            INSERT INTO sync_change_reinit_keys VALUES ('folder-1', 'items', '[1]');
            """);
        var queued = Assert.Single(await backOffice.GetRequiredService<IRemoteActionQueue>().QueueAsync(
            new RemoteActionRequest { Organization = "folder-1", TerminalId = "till-1", Name = RemoteActionNames.ResetDatabase }));

        await agent.SyncNowAsync();
        var ran = await terminal.GetRequiredService<IRemoteActionRunner>().RunPendingAsync();
        var emptied = SqliteFile.Scalar(terminalDb, "SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM users) + (SELECT count(*) FROM sync_change_checkpoints) + (SELECT count(*) FROM sync_change_reinit) + (SELECT count(*) FROM sync_change_reinit_keys);");
        var rebuilt = await agent.SyncNowAsync();

        Assert.Equal(1, ran);
        Assert.Equal(0L, emptied);
        Assert.Equal(SyncOutcomeStatus.Succeeded, rebuilt.Status);
        Assert.Equal(expected, ChangeHosts.Dump(terminalDb, "items"));
        Assert.Equal("anne|folder-1|Anne|till-1", ChangeHosts.Dump(terminalDb, "users"));
        Assert.Equal(
            (long)SqliteFile.Scalar(backOfficeDb, "SELECT max(version) FROM sync_changes;")!,
            await terminal.GetRequiredService<IChangeImporter>().GetCheckpointAsync("folder-1", CancellationToken.None));
        var action = await backOffice.GetRequiredService<IRemoteActionQueue>().GetAsync("folder-1", queued.Action.Id);
        Assert.Equal(RemoteActionState.Succeeded, action!.State);
        Assert.Contains("24 synced row(s)", action.Detail, StringComparison.Ordinal);
    }

    private ServiceProvider Terminal(string path, IServiceProvider backOffice, string credential) =>
        ChangeHosts.Create(path, "till-1", o => { o.Tables.Add(ChangeHosts.Items()); o.Tables.Add(ChangeHosts.Users()); }, b => b
            .AddSyncAgent(o =>
            {
                o.Credential = credential;
                o.EnableBackground = false;
                o.ApplicationVersion = "34.0";
            })
            .AddSyncInProcessTransport(backOffice.GetRequiredService<ISyncExchangeHandler>())
            .AddActionsAgent(o =>
            {
                o.EnableBackground = false;
                o.WorkDirectory = Path.Combine(_dir.Path, "work");
            }));
}
