using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>
/// Tombstones are purged once older than the retention, and a terminal whose checkpoint is older than the oldest
/// change kept is re-initialised: it ends with exactly the back office's rows, deletes included.
/// </summary>
public sealed class SqliteChangeRetentionTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private readonly TempDirectory _dir = new();

    private string BackOfficeDb => Path.Combine(_dir.Path, "backoffice.db");

    private string TillDb => Path.Combine(_dir.Path, "till.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static void Declare(SyncTablesOptions options)
    {
        options.Tables.Add(ChangeHosts.Items());
        options.MaxBatchRows = 1;
    }

    private static Task<long> PurgeAsync(IServiceProvider host, DateTimeOffset now) =>
        host.GetRequiredService<IChangeRetention>().PurgeAsync(now, now - Retention, CancellationToken.None).AsTask();

    [Fact]
    public async Task PurgeAsync_TombstonesOlderThanTheRetention_OnlyThoseGoAndTheHorizonRises()
    {
        await using var backOffice = ChangeHosts.Create(BackOfficeDb, terminalId: null, Declare);
        await backOffice.GetRequiredService<IChangeExporter>().ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(BackOfficeDb, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte'), (3, 'folder-1', 'Mocha'), (4, 'folder-1', 'Cortado');");

        var atFirst = await PurgeAsync(backOffice, T0);
        SqliteFile.Execute(BackOfficeDb, "DELETE FROM items WHERE id = 1;");
        var oldTombstone = (long)SqliteFile.Scalar(BackOfficeDb, "SELECT version FROM sync_changes WHERE row_key = '[1]';")!;
        var nextDay = await PurgeAsync(backOffice, T0.AddDays(1));
        SqliteFile.Execute(BackOfficeDb, "DELETE FROM items WHERE id = 2;");
        var tenDaysOn = await PurgeAsync(backOffice, T0.AddDays(10));
        var monthOn = await PurgeAsync(backOffice, T0.AddDays(31));
        var again = await PurgeAsync(backOffice, T0.AddDays(31));

        Assert.Equal((0L, 0L, 0L, 1L, 0L), (atFirst, nextDay, tenDaysOn, monthOn, again));
        Assert.Equal("[2] deleted|[3] live|[4] live", SqliteFile.Scalar(BackOfficeDb, "SELECT group_concat(row_key || ' ' || iif(deleted, 'deleted', 'live'), '|') FROM (SELECT * FROM sync_changes ORDER BY row_key);"));
        Assert.Equal(oldTombstone, SqliteFile.Scalar(BackOfficeDb, "SELECT min_valid_version FROM sync_change_horizon;"));
        Assert.Equal(T0.AddDays(1).UtcTicks, SqliteFile.Scalar(BackOfficeDb, "SELECT min(at) FROM sync_change_marks;"));
    }

    [Fact]
    public async Task ExportAsync_CheckpointOlderThanThePurgedTombstones_TerminalEndsWithExactlyTheBackOfficesRows()
    {
        await using var backOffice = ChangeHosts.Create(BackOfficeDb, terminalId: null, Declare);
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(BackOfficeDb, "INSERT INTO items (id, organization, name, price) VALUES (1, 'folder-1', 'Espresso', 1.5), (2, 'folder-1', 'Latte', 2.5), (3, 'folder-1', 'Mocha', 3.0);");
        await using var till = ChangeHosts.Create(TillDb, "till-01", Declare);
        var importer = till.GetRequiredService<IChangeImporter>();
        await ChangeHosts.ImportAllAsync(importer, await ChangeHosts.ExportAllAsync(exporter, "till-01"));
        var away = await importer.GetCheckpointAsync("folder-1", CancellationToken.None);
        SqliteFile.Execute(TillDb, "INSERT INTO items (id, organization, name) VALUES (99, 'folder-1', 'Written here, never on the back office');");

        // The till stays away for over a month: a row deleted meanwhile has its tombstone purged.
        await PurgeAsync(backOffice, T0);
        SqliteFile.Execute(BackOfficeDb, "DELETE FROM items WHERE id = 2; UPDATE items SET price = 1.75 WHERE id = 1; INSERT INTO items (id, organization, name) VALUES (4, 'folder-1', 'Cortado');");
        await PurgeAsync(backOffice, T0.AddDays(1));
        var purged = await PurgeAsync(backOffice, T0.AddDays(32));

        var stale = await exporter.ExportAsync("folder-1", "till-01", away, CancellationToken.None);
        var reset = await importer.ImportAsync(stale, CancellationToken.None);
        var afterReset = (await importer.GetCheckpointAsync("folder-1", CancellationToken.None), ChangeHosts.Dump(TillDb, "items").Split('\n').Length);
        var pass = await ChangeHosts.ExportAllAsync(exporter, "till-01", checkpoint: 0);
        await ChangeHosts.ImportAllAsync(importer, pass);
        var next = await exporter.ExportAsync("folder-1", "till-01", await importer.GetCheckpointAsync("folder-1", CancellationToken.None), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.True(stale.Reinitialize);
        Assert.True(reset.CheckpointReset);
        Assert.Equal((0L, 4), afterReset);
        Assert.Equal(3, pass.Count);
        Assert.True(pass[0].Reinitialize && pass[1].Reinitialize, "the pass's batches below the horizon say so, and continue the pass rather than restart it");
        Assert.Equal(ChangeHosts.Dump(BackOfficeDb, "items"), ChangeHosts.Dump(TillDb, "items"));
        Assert.Equal(0L, SqliteFile.Scalar(TillDb, "SELECT count(*) FROM items WHERE id IN (2, 99);"));
        Assert.Equal(0L, SqliteFile.Scalar(TillDb, "SELECT count(*) FROM sync_change_reinit_keys;"));
        Assert.False(next.Reinitialize);
        Assert.Empty(next.Changes);
    }

    [Fact]
    public async Task ChangeBatchFile_ExportedFromACheckpointOlderThanThePurge_RefusedWithTheFixAndAFileFrom0Heals()
    {
        await using var backOffice = ChangeHosts.Create(BackOfficeDb, terminalId: null, Declare);
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(BackOfficeDb, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte');");
        await using var till = ChangeHosts.Create(TillDb, "till-01", Declare);
        var importer = till.GetRequiredService<IChangeImporter>();
        await ChangeHosts.ImportAllAsync(importer, await ChangeHosts.ExportAllAsync(exporter, "till-01"));
        var away = await importer.GetCheckpointAsync("folder-1", CancellationToken.None);
        await PurgeAsync(backOffice, T0);
        SqliteFile.Execute(BackOfficeDb, "DELETE FROM items WHERE id = 2;");
        await PurgeAsync(backOffice, T0.AddDays(1));
        await PurgeAsync(backOffice, T0.AddDays(32));
        var stale = Path.Combine(_dir.Path, "stale.gz");
        var full = Path.Combine(_dir.Path, "full.gz");

        var keys = ChangeFileKeys.Create();
        var signing = new ChangeFileOptions { SigningKey = keys.PrivateKeyPem };
        var verifying = new ChangeFileOptions { VerificationKey = keys.PublicKeyPem };

        await ChangeBatchFile.ExportAsync(exporter, stale, "folder-1", "till-01", away, signing);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ChangeBatchFile.ImportAsync(importer, stale, verifying));
        await ChangeBatchFile.ExportAsync(exporter, full, "folder-1", "till-01", 0, signing);
        await ChangeBatchFile.ImportAsync(importer, full, verifying);

        Assert.Contains("export the file again from checkpoint 0", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeHosts.Dump(BackOfficeDb, "items"), ChangeHosts.Dump(TillDb, "items"));
        Assert.Equal(0L, SqliteFile.Scalar(TillDb, "SELECT count(*) FROM items WHERE id = 2;"));
    }

    [Fact]
    public async Task ExportAsync_TerminalThatSyncedAfterTheDelete_ServedIncrementallyAfterThePurge()
    {
        await using var backOffice = ChangeHosts.Create(BackOfficeDb, terminalId: null, Declare);
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(BackOfficeDb, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte');");
        await using var till = ChangeHosts.Create(TillDb, "till-01", Declare);
        var importer = till.GetRequiredService<IChangeImporter>();
        await PurgeAsync(backOffice, T0);
        SqliteFile.Execute(BackOfficeDb, "DELETE FROM items WHERE id = 2;");
        await ChangeHosts.ImportAllAsync(importer, await ChangeHosts.ExportAllAsync(exporter, "till-01"));
        await PurgeAsync(backOffice, T0.AddDays(1));
        var purged = await PurgeAsync(backOffice, T0.AddDays(32));
        SqliteFile.Execute(BackOfficeDb, "INSERT INTO items (id, organization, name) VALUES (3, 'folder-1', 'Mocha');");

        var batch = await exporter.ExportAsync("folder-1", "till-01", await importer.GetCheckpointAsync("folder-1", CancellationToken.None), CancellationToken.None);
        var result = await importer.ImportAsync(batch, CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.False(batch.Reinitialize);
        Assert.False(result.CheckpointReset);
        Assert.Equal(ChangeHosts.Dump(BackOfficeDb, "items"), ChangeHosts.Dump(TillDb, "items"));
    }
}
