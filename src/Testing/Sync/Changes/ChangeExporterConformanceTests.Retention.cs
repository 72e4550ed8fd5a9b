using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Changes;
using Xunit;

namespace PosFleet.Testing.Sync.Changes;

/// <summary>
/// Tombstones are purged once older than the retention, and a terminal whose checkpoint is older than the newest purged
/// tombstone gets its batches marked <see cref="ChangeBatch.Reinitialize"/> until a full pass from 0 is in.
/// </summary>
public abstract partial class ChangeExporterConformanceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static Task<long> PurgeAsync(IServiceProvider backOffice, DateTimeOffset now) =>
        backOffice.GetRequiredService<IChangeRetention>().PurgeAsync(now, now - Retention, CancellationToken.None).AsTask();

    private Task<(IServiceProvider BackOffice, IChangeExporter Exporter)> CreateOneRowBatchesAsync() =>
        CreateAsync(o => { o.Tables.Add(Items()); o.MaxBatchRows = 1; });

    /// <summary>Only the tombstones that a pass at least the retention old saw go, once; live rows stay.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task PurgeAsync_TombstonesOlderThanTheRetention_OnlyThoseGo()
    {
        var (backOffice, exporter) = await CreateAsync(o => o.Tables.Add(Items()));
        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte'), (3, 'folder-1', 'Mocha'), (4, 'folder-1', 'Cortado')");

        var atFirst = await PurgeAsync(backOffice, T0);
        await ExecuteAsync(backOffice, "DELETE FROM items WHERE id = 1");
        var nextDay = await PurgeAsync(backOffice, T0.AddDays(1));
        await ExecuteAsync(backOffice, "DELETE FROM items WHERE id = 2");
        var tenDaysOn = await PurgeAsync(backOffice, T0.AddDays(10));
        var monthOn = await PurgeAsync(backOffice, T0.AddDays(31));
        var again = await PurgeAsync(backOffice, T0.AddDays(31));
        var everything = (await ExportAllAsync(exporter, null, 0)).SelectMany(b => b.Changes).ToList();

        Assert.Equal((0L, 0L, 0L, 1L, 0L), (atFirst, nextDay, tenDaysOn, monthOn, again));
        Assert.Equal(["2:deleted", "3:live", "4:live"], everything.Select(c => $"{Id(c)}:{(c.Deleted ? "deleted" : "live")}").Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A terminal away longer than the retention, a delete's tombstone purged meanwhile: its batches are marked, and
    /// the full pass from 0 carries exactly the back office's rows, marked until it passes the purged tombstone.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_CheckpointOlderThanThePurgedTombstones_MarkedReinitializeUntilTheFullPassIsIn()
    {
        var (backOffice, exporter) = await CreateOneRowBatchesAsync();
        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name, price) VALUES (1, 'folder-1', 'Espresso', 1.5), (2, 'folder-1', 'Latte', 2.5), (3, 'folder-1', 'Mocha', 3.0)");
        var away = await CatchUpAsync(exporter);

        await PurgeAsync(backOffice, T0);
        await ExecuteAsync(backOffice, "DELETE FROM items WHERE id = 2");
        await ExecuteAsync(backOffice, "UPDATE items SET price = 1.75 WHERE id = 1");
        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (4, 'folder-1', 'Cortado')");
        await PurgeAsync(backOffice, T0.AddDays(1));
        var purged = await PurgeAsync(backOffice, T0.AddDays(32));

        var stale = await exporter.ExportAsync(Organization, "till-01", away, CancellationToken.None);
        var pass = await ExportAllAsync(exporter, "till-01", 0);
        var next = await exporter.ExportAsync(Organization, "till-01", pass[^1].Checkpoint, CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.True(stale.Reinitialize);
        Assert.Equal(3, pass.Count);
        Assert.True(pass[0].Reinitialize && pass[1].Reinitialize, "the pass's batches below the horizon say so, and continue the pass rather than restart it");
        Assert.Equal(["1:1.75", "3:3", "4:"], pass.SelectMany(b => b.Changes).Where(c => !c.Deleted)
            .Select(c => $"{Id(c)}:{(c.Values["price"].ValueKind == System.Text.Json.JsonValueKind.Null ? "" : c.Values["price"].GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture))}")
            .Order(StringComparer.Ordinal));
        Assert.DoesNotContain(pass.SelectMany(b => b.Changes), c => c.Deleted);
        Assert.False(next.Reinitialize);
        Assert.Empty(next.Changes);
    }

    /// <summary>A terminal that synced after the delete, before the purge, goes on incrementally.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_TerminalThatSyncedAfterTheDelete_ServedIncrementallyAfterThePurge()
    {
        var (backOffice, exporter) = await CreateOneRowBatchesAsync();
        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte')");
        await PurgeAsync(backOffice, T0);
        await ExecuteAsync(backOffice, "DELETE FROM items WHERE id = 2");
        var synced = await CatchUpAsync(exporter);
        await PurgeAsync(backOffice, T0.AddDays(1));
        var purged = await PurgeAsync(backOffice, T0.AddDays(32));
        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (3, 'folder-1', 'Mocha')");

        var batch = await exporter.ExportAsync(Organization, "till-01", synced, CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.False(batch.Reinitialize);
        Assert.Equal(3L, Id(Assert.Single(batch.Changes)));
    }
}
